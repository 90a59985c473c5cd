// The window's preload: sandboxed (so CommonJS, and it may require only 'electron'), with
// contextIsolation. It exposes `window.omniroute`, a small typed API over invoke/on — never
// ipcRenderer itself, and never the IPC event object.
// CommonJS import form: this file compiles to CommonJS (verbatimModuleSyntax requires it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
import electron = require('electron');
import type { IPC as IpcChannels, OmniRouteDesktopApi, ShellState } from './api-types.js' with {
  'resolution-mode': 'import',
};

// A sandboxed preload cannot require a sibling file, so the channel names are repeated here;
// `satisfies` makes tsc fail if they drift from api-types.ts.
const IPC = {
  getState: 'omniroute:get-state',
  switchCombo: 'omniroute:switch-combo',
  setOffline: 'omniroute:set-offline',
  copyEndpoint: 'omniroute:copy-endpoint',
  openExternal: 'omniroute:open-external',
  stateChanged: 'omniroute:state-changed',
} as const satisfies typeof IpcChannels;

const { contextBridge, ipcRenderer } = electron;

const api: OmniRouteDesktopApi = {
  isDesktop: true,
  getState: () => ipcRenderer.invoke(IPC.getState),
  switchCombo: (name) => ipcRenderer.invoke(IPC.switchCombo, name),
  setOffline: (offline) => ipcRenderer.invoke(IPC.setOffline, offline),
  copyEndpoint: () => ipcRenderer.invoke(IPC.copyEndpoint),
  openExternal: (url) => ipcRenderer.invoke(IPC.openExternal, String(url)),
  onStateChanged: (listener) => {
    const handler = (_event: unknown, state: ShellState) => listener(state);
    ipcRenderer.on(IPC.stateChanged, handler);
    return () => {
      ipcRenderer.removeListener(IPC.stateChanged, handler);
    };
  },
};

contextBridge.exposeInMainWorld('omniroute', api);
