import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wasmPath } from '../../../electron/wasmPath';

const yml = readFileSync(resolve('electron-builder.yml'), 'utf8');
const app = JSON.parse(readFileSync(resolve('resources/app.json'), 'utf8')) as Record<string, string>;

/** The value of `key:` at the given indentation inside the block that starts with `section:` (or top level). */
function value(key: string, section?: string): string | undefined {
  const lines = yml.split('\n');
  let inSection = section === undefined;
  for (const line of lines) {
    if (section !== undefined && /^\S/.test(line)) inSection = line.startsWith(`${section}:`);
    const indent = section === undefined ? '' : '  ';
    const match = inSection ? new RegExp(`^${indent}${key}:\\s*(.+)$`).exec(line) : null;
    if (match) return match[1]?.trim();
  }
  return undefined;
}

describe('electron-builder.yml', () => {
  it('takes app id, product name, executable and maintainer from resources/app.json', () => {
    expect(value('appId')).toBe(app.appId);
    expect(value('productName')).toBe(app.productName);
    expect(value('executableName', 'linux')).toBe(app.executableName);
    expect(value('maintainer', 'linux')).toBe(app.maintainer);
  });

  it('packages only the built app and unpacks the wasm', () => {
    const files = yml.split('files:')[1]?.split('\n\n')[0] ?? '';
    expect(files).toContain('- dist/**');
    expect(files).toContain('- dist-electron/**');
    expect(files).toContain('- package.json');
    expect(files).not.toContain('node_modules');
    expect(yml).toMatch(/asarUnpack:\n\s+- dist-electron\/sql-wasm\.wasm/);
  });

  it('installs per user on Windows without admin rights, and has every target', () => {
    expect(value('oneClick', 'nsis')).toBe('true');
    expect(value('perMachine', 'nsis')).toBe('false');
    expect(value('allowElevation', 'nsis')).toBe('false');
    for (const target of ['nsis', 'portable', 'dmg', 'AppImage', 'deb']) expect(yml).toContain(`- ${target}`);
  });

  it('disables run-as-node and the Node inspector in the binary', () => {
    expect(value('runAsNode', 'electronFuses')).toBe('false');
    expect(value('enableNodeCliInspectArguments', 'electronFuses')).toBe('false');
    expect(value('enableNodeOptionsEnvironmentVariable', 'electronFuses')).toBe('false');
    expect(value('onlyLoadAppFromAsar', 'electronFuses')).toBe('true');
  });

  it('points at icons that exist', () => {
    for (const file of ['icon.ico', 'icon.png', '512x512.png', '256x256.png', 'icon.svg']) {
      expect(readFileSync(join('resources/icons', file)).length).toBeGreaterThan(100);
    }
    const png = readFileSync('resources/icons/512x512.png');
    expect(png.readUInt32BE(16)).toBe(512);
  });
});

describe('wasmPath', () => {
  it('finds the wasm beside the bundle, or unpacked beside app.asar', () => {
    expect(wasmPath('/opt/RadBench/dist-electron')).toBe(join('/opt/RadBench/dist-electron', 'sql-wasm.wasm'));
    expect(wasmPath('/opt/RadBench/resources/app.asar/dist-electron')).toBe(
      join('/opt/RadBench/resources/app.asar.unpacked/dist-electron', 'sql-wasm.wasm'),
    );
    expect(wasmPath('C:\\Users\\me\\AppData\\Local\\Programs\\RadBench\\resources\\app.asar\\dist-electron')).toContain(
      'app.asar.unpacked',
    );
    expect(wasmPath('/home/me/app.asarx/dist-electron')).not.toContain('unpacked');
  });
});
