// The shell's own preferences (electron-store: a JSON file in userData). Only what belongs to
// the desktop shell lives here — window bounds, start at login, which notifications to show,
// whether the current offline state was set automatically. Routing state (combos, active
// combo, offline mode itself, providers) stays in the core's SQLite database.
import { NOTIFICATION_KINDS, type NotificationKind } from './api-types.js';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export interface ShellPrefs {
  windowBounds: WindowBounds | null;
  windowMaximized: boolean;
  startAtLogin: boolean;
  /** The first-run default (start at login: on) was applied once; afterwards the OS is the truth. */
  loginItemInitialized: boolean;
  notifications: Record<NotificationKind, boolean>;
  /** The current offline mode was switched on by the connectivity watcher, not by the user. */
  autoOffline: boolean;
}

export const DEFAULT_PREFS: ShellPrefs = {
  windowBounds: null,
  windowMaximized: false,
  startAtLogin: true,
  loginItemInitialized: false,
  notifications: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, true])) as Record<
    NotificationKind,
    boolean
  >,
  autoOffline: false,
};

/** electron-store's get/set (and a Map in tests). */
export interface PrefsBackend {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

const MIN_W = 480;
const MIN_H = 360;

function validBounds(v: unknown): WindowBounds | null {
  if (!v || typeof v !== 'object') return null;
  const b = v as Record<string, unknown>;
  const num = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
  if (!num(b.width) || !num(b.height)) return null;
  const out: WindowBounds = {
    width: Math.max(MIN_W, Math.round(b.width as number)),
    height: Math.max(MIN_H, Math.round(b.height as number)),
  };
  if (num(b.x) && num(b.y)) {
    out.x = Math.round(b.x as number);
    out.y = Math.round(b.y as number);
  }
  return out;
}

/** Typed, validated access: a hand-edited or corrupt file falls back to defaults per key. */
export class Prefs {
  constructor(private readonly backend: PrefsBackend) {}

  get<K extends keyof ShellPrefs>(key: K): ShellPrefs[K] {
    const raw = this.backend.get(key);
    const def = DEFAULT_PREFS[key];
    switch (key) {
      case 'windowBounds':
        return validBounds(raw) as ShellPrefs[K];
      case 'notifications': {
        const out = { ...DEFAULT_PREFS.notifications };
        if (raw && typeof raw === 'object')
          for (const k of NOTIFICATION_KINDS) {
            const v = (raw as Record<string, unknown>)[k];
            if (typeof v === 'boolean') out[k] = v;
          }
        return out as ShellPrefs[K];
      }
      default:
        return (typeof raw === typeof def ? raw : def) as ShellPrefs[K];
    }
  }

  set<K extends keyof ShellPrefs>(key: K, value: ShellPrefs[K]): void {
    this.backend.set(key, value);
  }

  notificationEnabled(kind: NotificationKind): boolean {
    return this.get('notifications')[kind];
  }

  setNotification(kind: NotificationKind, enabled: boolean): void {
    this.set('notifications', { ...this.get('notifications'), [kind]: enabled });
  }
}

/** The bounds to restore, or null when the saved ones are off every display (monitor unplugged). */
export function restorableBounds(
  saved: WindowBounds | null,
  workAreas: ReadonlyArray<{ x: number; y: number; width: number; height: number }>,
): WindowBounds | null {
  if (!saved) return null;
  if (saved.x === undefined || saved.y === undefined) return { width: saved.width, height: saved.height };
  const { x, y, width } = saved;
  // Visible enough: the title bar's middle lies in some display's work area.
  const cx = x + width / 2;
  const cy = y + 10;
  const onScreen = workAreas.some((a) => cx >= a.x && cx < a.x + a.width && cy >= a.y && cy < a.y + a.height);
  return onScreen ? saved : { width: saved.width, height: saved.height };
}

/** Opens the electron-store file. Loaded lazily: electron-store imports electron at load time. */
export async function openPrefs(): Promise<Prefs> {
  const { default: ElectronStore } = await import('electron-store');
  const store = new ElectronStore<Record<string, unknown>>({ name: 'shell-prefs', clearInvalidConfig: true });
  return new Prefs({ get: (k) => store.get(k), set: (k, v) => store.set(k, v) });
}
