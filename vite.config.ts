import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';
import pkg from './package.json';
import { contentSecurityPolicy } from './renderer/csp';

const META_CSP = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"\s*\/?>/;

/** Sends the CSP header on every response (page, modules, worker, wasm) and keeps the meta tag in step. */
function strictCsp(): Plugin {
  let serving = false;
  return {
    name: 'radbench-csp',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    configureServer(server) {
      const policy = contentSecurityPolicy({ devServer: true });
      server.middlewares.use((_req, res, next) => {
        res.setHeader('Content-Security-Policy', policy);
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Referrer-Policy', 'no-referrer');
        next();
      });
    },
    configurePreviewServer(server) {
      const policy = contentSecurityPolicy();
      server.middlewares.use((_req, res, next) => {
        res.setHeader('Content-Security-Policy', policy);
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Referrer-Policy', 'no-referrer');
        next();
      });
    },
    transformIndexHtml(html) {
      const match = META_CSP.exec(html);
      if (!match) throw new Error('index.html must carry a Content-Security-Policy meta tag');
      const wanted = contentSecurityPolicy({ meta: true, devServer: serving });
      // The literal in index.html is the production policy; a drift from renderer/csp.ts fails the build.
      if (!serving && match[1] !== wanted) {
        throw new Error(`index.html CSP meta tag differs from renderer/csp.ts.\nExpected: ${wanted}`);
      }
      return html.replace(META_CSP, `<meta http-equiv="Content-Security-Policy" content="${wanted}" />`);
    },
  };
}

export default defineConfig({
  root: '.',
  base: './',
  plugins: [vue(), strictCsp()],
  define: {
    'import.meta.env.APP_VERSION': JSON.stringify(pkg.version),
    'import.meta.env.APP_DEPENDENCIES': JSON.stringify(pkg.devDependencies),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The sql.js wasm (about 650 kB) is its own asset; keep it out of the inlining threshold.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
  worker: { format: 'es' },
  // sql.js is UMD and must be pre-bundled; the engine's other CommonJS dependencies are listed too, so the
  // dev server does not discover them late and reload the page.
  optimizeDeps: { include: ['sql.js', 'papaparse', 'xlsx', 'hash-wasm'] },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
