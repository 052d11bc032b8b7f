/** The one application window. */
import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { APP_ENTRY_URL } from './appUrl';
import { secureWebPreferences } from './security';

export interface MainWindowOptions {
  bundleDir: string;
  title: string;
  isDev: boolean;
}

export function createMainWindow(o: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: o.title,
    backgroundColor: '#f0f4f5',
    // Windows and macOS take the icon from the executable; Linux needs it for the window.
    ...(process.platform === 'linux' ? { icon: join(o.bundleDir, 'icon.png') } : {}),
    webPreferences: secureWebPreferences(join(o.bundleDir, 'preload.cjs'), { devTools: o.isDev }),
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
