import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { MenuCommand } from '../../../electron/preloadApi';

const setApplicationMenu = vi.fn();
const buildFromTemplate = vi.fn((template: unknown) => ({ template }));
vi.mock('electron', () => ({ Menu: { setApplicationMenu, buildFromTemplate } }));

const { installMenu, menuTemplate, recentLabel } = await import('../../../electron/menu');

function options(overrides: Partial<Parameters<typeof menuTemplate>[0]> = {}) {
  const sent: MenuCommand[] = [];
  const clearRecent = vi.fn();
  const o = { appName: 'RadBench', isMac: false, isDev: false, recent: [], send: (c: MenuCommand) => sent.push(c), clearRecent, ...overrides };
  return { o, sent, clearRecent };
}

const submenu = (item: MenuItemConstructorOptions | undefined) => (item?.submenu ?? []) as MenuItemConstructorOptions[];
const top = (template: MenuItemConstructorOptions[], label: string) => template.find((m) => m.label === label);
const item = (items: MenuItemConstructorOptions[], label: string) => items.find((m) => m.label === label);
const click = (entry: MenuItemConstructorOptions | undefined) =>
  (entry?.click as unknown as () => void | undefined)?.();

describe('menuTemplate', () => {
  it('has File with New, Open, Open Recent, Save, Save As, the passphrase commands, Import, Export and Quit', () => {
    const { o } = options();
    const file = submenu(top(menuTemplate(o), 'File'));
    const labels = file.filter((m) => m.type !== 'separator').map((m) => m.label ?? m.role);
    expect(labels).toEqual(['New', 'Open…', 'Open Recent', 'Save', 'Save As…', 'Set Passphrase…', 'Remove Passphrase…', 'Import…', 'Export…', 'Quit']);
    expect(item(file, 'Save As…')?.accelerator).toBe('CmdOrCtrl+Shift+S');
  });

  it('offers Change and Remove Passphrase only for a protected database, and sends them to the renderer', () => {
    const plain = submenu(top(menuTemplate(options().o), 'File'));
    expect(item(plain, 'Remove Passphrase…')?.enabled).toBe(false);
    const { o, sent } = options({ protectedDocument: true });
    const file = submenu(top(menuTemplate(o), 'File'));
    expect(item(file, 'Set Passphrase…')).toBeUndefined();
    expect(item(file, 'Remove Passphrase…')?.enabled).toBe(true);
    click(item(file, 'Change Passphrase…'));
    click(item(file, 'Remove Passphrase…'));
    expect(sent).toEqual(['set-passphrase', 'remove-passphrase']);
  });

  it('sends each File command to the renderer', () => {
    const { o, sent } = options();
    const file = submenu(top(menuTemplate(o), 'File'));
    for (const label of ['New', 'Open…', 'Save', 'Save As…', 'Import…', 'Export…']) click(item(file, label));
    expect(sent).toEqual(['new', 'open', 'save', 'save-as', 'import', 'export']);
  });

  it('lists recent files, which open through the renderer, and can clear them', () => {
    const { o, sent, clearRecent } = options({ recent: ['/data/Trust A.radbench', '/data/R&D.radbench'] });
    const recent = submenu(item(submenu(top(menuTemplate(o), 'File')), 'Open Recent'));
    expect(recent[0]?.label).toBe('Trust A.radbench — /data');
    expect(recent[1]?.label).toBe('R&&D.radbench — /data');
    click(recent[1]);
    expect(sent).toEqual(['open-recent:/data/R&D.radbench']);
    const clear = item(recent, 'Clear Recent');
    expect(clear?.enabled).toBe(true);
    click(clear);
    expect(clearRecent).toHaveBeenCalled();
  });

  it('shows an empty recent list as such', () => {
    const { o } = options();
    const recent = submenu(item(submenu(top(menuTemplate(o), 'File')), 'Open Recent'));
    expect(recent[0]).toMatchObject({ label: 'No recent files', enabled: false });
    expect(item(recent, 'Clear Recent')?.enabled).toBe(false);
  });

  it('offers Reload and DevTools only in development; zoom and full screen always', () => {
    const roles = (isDev: boolean) => submenu(top(menuTemplate(options({ isDev }).o), 'View')).map((m) => m.role);
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']));
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('has Edit, and Help with About and Data and privacy', () => {
    const { o, sent } = options();
    const template = menuTemplate(o);
    expect(submenu(top(template, 'Edit')).map((m) => m.role)).toEqual(
      expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']),
    );
    const help = submenu(top(template, 'Help'));
    click(item(help, 'About RadBench'));
    click(item(help, 'Data and privacy'));
    expect(sent).toEqual(['about', 'privacy']);
  });

  it('on macOS adds the app menu and keeps Quit there', () => {
    const template = menuTemplate(options({ isMac: true }).o);
    expect(template[0]?.label).toBe('RadBench');
    expect(submenu(template[0]).map((m) => m.role)).toContain('quit');
    expect(submenu(top(template, 'File')).map((m) => m.role)).not.toContain('quit');
  });

  it('installMenu sets the built menu as the application menu', () => {
    installMenu(options().o);
    expect(buildFromTemplate).toHaveBeenCalled();
    expect(setApplicationMenu).toHaveBeenCalledWith(buildFromTemplate.mock.results.at(-1)?.value);
  });

  it('recentLabel escapes mnemonics', () => {
    expect(recentLabel('/a/B&C.radbench')).toBe('B&&C.radbench — /a');
  });
});
