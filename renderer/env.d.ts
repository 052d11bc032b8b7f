/// <reference types="vite/client" />
import type { RadbenchDesktopApi } from '../electron/preloadApi';

declare global {
  interface ImportMetaEnv {
    /** package.json version, injected by vite.config.ts (undefined under vitest). */
    readonly APP_VERSION?: string;
    /** package.json devDependencies (name → version), for the About page's licence list. */
    readonly APP_DEPENDENCIES?: Record<string, string>;
  }

  interface Window {
    /** Present only in the Electron shell (sandboxed preload). */
    readonly radbench?: RadbenchDesktopApi;
  }
}

export {};
