/** Native dialogs: file pickers with the right filters, the unsaved-changes question and error boxes. */
import { dialog, type BrowserWindow, type FileFilter } from 'electron';
import { basename, extname } from 'node:path';

export const DATABASE_EXTENSION = 'radbench';

export const IMPORT_FILTERS: FileFilter[] = [
  { name: 'RIS extracts, ledgers and staff lists (CSV, XLSX, XLS)', extensions: ['csv', 'tsv', 'txt', 'xlsx', 'xls'] },
  { name: 'CSV and text', extensions: ['csv', 'tsv', 'txt'] },
  { name: 'Excel workbooks', extensions: ['xlsx', 'xls'] },
  { name: 'All files', extensions: ['*'] },
];

export const DATABASE_FILTERS: FileFilter[] = [{ name: 'RadBench database', extensions: [DATABASE_EXTENSION] }];

const EXPORT_FILTERS: Record<string, FileFilter> = {
  csv: { name: 'CSV', extensions: ['csv'] },
  xlsx: { name: 'Excel workbook', extensions: ['xlsx'] },
  json: { name: 'JSON', extensions: ['json'] },
  png: { name: 'PNG image', extensions: ['png'] },
  pdf: { name: 'PDF document', extensions: ['pdf'] },
  svg: { name: 'SVG image', extensions: ['svg'] },
  radbench: DATABASE_FILTERS[0] as FileFilter,
};

/** Appends `.ext` unless the path already ends with it (dialogs on Linux do not always add it). */
export function ensureExtension(path: string, ext: string): string {
  return extname(path).toLowerCase() === `.${ext.toLowerCase()}` ? path : `${path}.${ext}`;
}

/** A file name the page suggested, reduced to a plain name (no folders, no control characters). */
export function safeFileName(name: string, fallback = 'export'): string {
  const cleaned = basename(name.replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f<>:"|?*]/g, '_')
    .trim()
    .slice(0, 200);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? fallback : cleaned;
}

export function exportFilters(name: string): FileFilter[] {
  const ext = extname(name).slice(1).toLowerCase();
  const filter = EXPORT_FILTERS[ext];
  return filter ? [filter, { name: 'All files', extensions: ['*'] }] : [{ name: 'All files', extensions: ['*'] }];
}

export type UnsavedChoice = 'save' | 'discard' | 'cancel';

/** What the document controller and IPC need from dialogs (tests pass fakes). */
export interface Dialogs {
  pickImportFiles(win: BrowserWindow): Promise<string[]>;
  pickDatabaseToOpen(win: BrowserWindow, defaultPath?: string): Promise<string | null>;
  pickDatabaseSaveTarget(win: BrowserWindow, defaultPath: string): Promise<string | null>;
  pickExportTarget(win: BrowserWindow, defaultPath: string): Promise<string | null>;
  confirmUnsaved(win: BrowserWindow, name: string): Promise<UnsavedChoice>;
  showError(win: BrowserWindow | null, title: string, message: string): Promise<void>;
  showWarning(win: BrowserWindow | null, title: string, message: string): Promise<void>;
  showInfo(win: BrowserWindow | null, title: string, message: string): Promise<void>;
}

export const nativeDialogs: Dialogs = {
  async pickImportFiles(win) {
    const result = await dialog.showOpenDialog(win, {
      title: 'Import files',
      properties: ['openFile', 'multiSelections'],
      filters: IMPORT_FILTERS,
    });
    return result.canceled ? [] : result.filePaths;
  },

  async pickDatabaseToOpen(win, defaultPath) {
    const result = await dialog.showOpenDialog(win, {
      title: 'Open a RadBench database',
      properties: ['openFile'],
      filters: DATABASE_FILTERS,
      ...(defaultPath ? { defaultPath } : {}),
    });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },

  async pickDatabaseSaveTarget(win, defaultPath) {
    const result = await dialog.showSaveDialog(win, {
      title: 'Save the RadBench database',
      defaultPath,
      filters: DATABASE_FILTERS,
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    return result.canceled || !result.filePath ? null : ensureExtension(result.filePath, DATABASE_EXTENSION);
  },

  async pickExportTarget(win, defaultPath) {
    const result = await dialog.showSaveDialog(win, {
      title: 'Export',
      defaultPath,
      filters: exportFilters(defaultPath),
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    return result.canceled || !result.filePath ? null : result.filePath;
  },

  async confirmUnsaved(win, name) {
    const { response } = await dialog.showMessageBox(win, {
      type: 'warning',
      buttons: ['Save', "Don't Save", 'Cancel'],
      defaultId: 0,
      cancelId: 2,
      noLink: true,
      message: `Save the changes to ${name}?`,
      detail: 'Your changes will be lost if you do not save them.',
    });
    return response === 0 ? 'save' : response === 1 ? 'discard' : 'cancel';
  },

  async showError(win, title, message) {
    const options = { type: 'error' as const, title, message: title, detail: message };
    await (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
  },

  async showWarning(win, title, message) {
    const options = { type: 'warning' as const, title, message: title, detail: message };
    await (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
  },

  async showInfo(win, title, message) {
    const options = { type: 'info' as const, title, message: title, detail: message };
    await (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
  },
};
