/**
 * The application menu. File commands go to the renderer as MenuCommands: it decides (e.g. about a
 * pending import) and calls back through window.radbench, so menu and buttons behave the same.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import { basename, dirname } from 'node:path';
import type { MenuCommand } from './preloadApi';

export interface MenuOptions {
  appName: string;
  isMac: boolean;
  /** Unpackaged run: adds Reload and Developer Tools. */
  isDev: boolean;
  recent: readonly string[];
  /** The open database has a passphrase: offers Change and Remove instead of Set. */
  protectedDocument?: boolean;
  send: (command: MenuCommand) => void;
  clearRecent: () => void;
}

/** Windows and Linux read `&` in a label as a mnemonic marker. */
function escapeLabel(text: string): string {
  return text.replace(/&/g, '&&');
}

export function recentLabel(path: string): string {
  return escapeLabel(`${basename(path)} — ${dirname(path)}`);
}

function recentSubmenu(o: MenuOptions): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] =
    o.recent.length > 0
      ? o.recent.map((path) => ({ label: recentLabel(path), click: () => o.send(`open-recent:${path}`) }))
      : [{ label: 'No recent files', enabled: false }];
  return [...items, { type: 'separator' }, { label: 'Clear Recent', enabled: o.recent.length > 0, click: o.clearRecent }];
}

export function menuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  const command = (label: string, cmd: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    click: () => o.send(cmd),
    ...(accelerator ? { accelerator } : {}),
  });

  const appMenu: MenuItemConstructorOptions[] = o.isMac
    ? [
        {
          label: o.appName,
          submenu: [
            command(`About ${o.appName}`, 'about'),
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      command('New', 'new', 'CmdOrCtrl+N'),
      command('Open…', 'open', 'CmdOrCtrl+O'),
      { label: 'Open Recent', submenu: recentSubmenu(o) },
      { type: 'separator' },
      command('Save', 'save', 'CmdOrCtrl+S'),
      command('Save As…', 'save-as', 'CmdOrCtrl+Shift+S'),
      { type: 'separator' },
      command(o.protectedDocument ? 'Change Passphrase…' : 'Set Passphrase…', 'set-passphrase'),
      { ...command('Remove Passphrase…', 'remove-passphrase'), enabled: o.protectedDocument === true },
      { type: 'separator' },
      command('Import…', 'import', 'CmdOrCtrl+I'),
      command('Export…', 'export', 'CmdOrCtrl+E'),
      { type: 'separator' },
      o.isMac ? { role: 'close' } : { role: 'quit', label: 'Quit' },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(o.isDev
        ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] satisfies MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const windowMenu: MenuItemConstructorOptions[] = o.isMac ? [{ role: 'windowMenu' }] : [];

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: 'Help',
    submenu: [command(`About ${o.appName}`, 'about'), command('Data and privacy', 'privacy')],
  };

  return [...appMenu, file, edit, view, ...windowMenu, help];
}

export function installMenu(o: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(o)));
}
