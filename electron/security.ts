/**
 * The window's security settings and the session's locks: no permissions, no navigation, no new
 * windows or webviews, and no request outside the app's own protocol (nothing leaves the machine).
 */
import type { Session, WebContents, WebPreferences } from 'electron';
import { APP_SCHEME, isAppUrl } from './appUrl';

/** Schemes a page may load from besides the app's own origin: all local. */
const LOCAL_SCHEMES = new Set(['devtools:', 'blob:', 'data:']);

/** The request filter: the app's origin, DevTools and in-memory blob:/data: URLs; everything else is cancelled. */
export function isAllowedRequestUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:`) return isAppUrl(url);
  return LOCAL_SCHEMES.has(parsed.protocol);
}

export interface SecureWebPreferencesOptions {
  devTools?: boolean;
}

export function secureWebPreferences(preloadPath: string, options: SecureWebPreferencesOptions = {}): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // The spellchecker downloads dictionaries from the internet.
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: options.devTools ?? false,
  };
}

/** Locks a session: every permission denied, every non-local request cancelled, no spellchecker downloads. */
export function applySessionSecurity(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setSpellCheckerEnabled(false);
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url) });
  });
  session.on('will-download', (event, item) => {
    // Saving a blob: or data: URL the page made is local; anything else would fetch from elsewhere.
    if (!/^(blob|data):/i.test(item.getURL())) event.preventDefault();
  });
}

/** Applied to every web contents: no navigation or redirect, no webview, no new window. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
