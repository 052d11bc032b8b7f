/**
 * The sandboxed preload (bundled to dist-electron/preload.cjs; it may require only 'electron').
 * It exposes window.radbench (see desktopApi.ts) and hands the page its engine port with
 * window.postMessage({ type: 'radbench:engine-port' }, '*', [port]).
 *
 * The page gets a plain MessagePort it uses with comlink exactly as with the browser's Web Worker:
 * the preload relays between it and the port to the engine's utility process, moving MessagePorts
 * out of the message data on the way (Electron's utility process cannot receive them there; see
 * portEndpoint.ts).
 */
// A .cts file under verbatimModuleSyntax takes CommonJS imports; esbuild bundles the local ones.
/* eslint-disable @typescript-eslint/no-require-imports */
import electron = require('electron');
import channels = require('./channels');
import desktopApi = require('./desktopApi');
/* eslint-enable @typescript-eslint/no-require-imports */

declare const __RADBENCH_VERSION__: string | undefined;

const { contextBridge, ipcRenderer, webUtils } = electron;
const version = typeof __RADBENCH_VERSION__ === 'string' ? __RADBENCH_VERSION__ : '0.0.0-dev';

desktopApi.forwardEnginePorts(ipcRenderer, (port) => {
  // The same window, so '*' reaches only this page; the page checks event.source === window.
  window.postMessage({ type: channels.ENGINE_PORT_MESSAGE }, '*', [port]);
});

contextBridge.exposeInMainWorld(
  'radbench',
  desktopApi.createDesktopApi(ipcRenderer, (file) => webUtils.getPathForFile(file), version),
);
