import type { Runtime } from '../runtime/runtime.js';
import type { Settings } from '../store/repos/settings.js';

/**
 * Calls `apply` with what `pick` reads from the settings, now and after each configuration
 * change that alters it: a per-request filter rebuilds its tables only when its own settings
 * change, not on every edit elsewhere.
 */
export function followSettings<T>(rt: Runtime, pick: (s: Settings) => T, apply: (value: T) => void): void {
  let last: string | undefined;
  const update = () => {
    const value = pick(rt.settings);
    const key = JSON.stringify(value);
    if (key === last) return;
    last = key;
    apply(value);
  };
  update();
  rt.events.on('config-changed', update);
}
