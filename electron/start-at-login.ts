// The "Start at login" switch: the OS login item, mirrored in prefs so the tray shows it.
import type { Logger } from '../core/index.js';
import { createLoginItem, setLoginItem, type LoginItem, type LoginItemOptions } from './auto-launch.js';
import type { Prefs } from './prefs.js';

export interface StartAtLoginOptions {
  isPackaged: boolean;
  loginItem: LoginItemOptions;
  prefs: Prefs;
  logger: Logger;
  /** Tells the user why the switch does nothing in development. */
  explain: (title: string, body: string) => void;
  /** The tray shows the new value. */
  changed: () => void;
}

export class StartAtLogin {
  private readonly item: LoginItem;

  constructor(private readonly o: StartAtLoginOptions) {
    this.item = createLoginItem(o.loginItem);
  }

  readonly set = async (enabled: boolean): Promise<void> => {
    if (!this.o.isPackaged) {
      this.o.explain(
        'Start at login',
        'Start at login is available in the installed app, not in development.',
      );
      return;
    }
    await this.guard(async () => this.o.prefs.set('startAtLogin', await setLoginItem(this.item, enabled)));
    this.o.changed();
  };

  /** First run of the installed app: start at login (hidden). Later: the OS entry is the truth. */
  async sync(): Promise<void> {
    const { prefs } = this.o;
    await this.guard(async () => {
      if (this.o.isPackaged && !prefs.get('loginItemInitialized')) {
        prefs.set('startAtLogin', await setLoginItem(this.item, prefs.get('startAtLogin')));
        prefs.set('loginItemInitialized', true);
      } else {
        prefs.set('startAtLogin', await this.item.isEnabled());
      }
      this.o.changed();
    });
  }

  private async guard(fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      this.o.logger.warn(`start at login: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
