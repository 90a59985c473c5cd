// What the tray menu's items do. Every action ends with the tray rebuilt from the core's state,
// which also puts a radio item back when a switch did not happen.
import type { Core, Logger } from '../core/index.js';
import type { ShellElectron } from './electron-like.js';
import { endpointOf, type TrayAction } from './tray-model.js';

export interface TrayActionDeps {
  electron: Pick<ShellElectron, 'clipboard' | 'app'>;
  core: Core;
  showWindow: () => void;
  setStartAtLogin: (enabled: boolean) => Promise<void>;
  changed: () => void;
  logger: Logger;
}

export function trayDispatcher(d: TrayActionDeps): (action: TrayAction) => void {
  const { core } = d;
  const rt = core.view;
  return (action) => {
    try {
      switch (action.type) {
        case 'copy-endpoint':
          d.electron.clipboard.writeText(endpointOf(core.url));
          break;
        case 'switch-combo': {
          const combo = action.combo === null ? undefined : rt.combos.find((c) => c.name === action.combo);
          if (action.combo === null || combo?.enabled) core.setActiveCombo(action.combo);
          break;
        }
        case 'set-offline':
          core.setOffline(action.offline, 'manual');
          break;
        case 'open-dashboard':
          d.showWindow();
          break;
        case 'set-start-at-login':
          void d.setStartAtLogin(action.enabled);
          return;
        case 'quit':
          d.electron.app.quit();
          return;
      }
    } catch (err) {
      d.logger.warn(`tray action ${action.type} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    d.changed();
  };
}
