/**
 * The one Content-Security-Policy for every host: the Vite dev/preview servers send it as a header,
 * index.html carries it as a meta tag, and the Electron protocol handler can import it too.
 * A meta tag does not cover a module worker (it takes the policy from its own response), hence the header.
 */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self' 'wasm-unsafe-eval'"],
  ['worker-src', "'self' blob:"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

/** Directives a browser ignores (and warns about) when they arrive in a meta tag. */
const HEADER_ONLY = new Set(['frame-ancestors']);

export interface CspOptions {
  /** Vite dev server: its HMR client needs a websocket back to the server. */
  devServer?: boolean;
  /** For the index.html meta tag. */
  meta?: boolean;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  return CSP_DIRECTIVES.filter(([name]) => !(options.meta && HEADER_ONLY.has(name)))
    .map(([name, value]) => {
      if (name === 'connect-src' && options.devServer) return `${name} ${value} ws://localhost:* ws://127.0.0.1:*`;
      return `${name} ${value}`;
    })
    .join('; ');
}
