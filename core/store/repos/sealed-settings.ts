import type { Db } from '../db.js';
import { openProxy } from '../sealed-proxy.js';
import type { SecretBox } from '../secret-box.js';
import { SettingsRepo, type Settings } from './settings.js';

/**
 * The settings, with the global `proxy` (a URL that may carry a password) sealed at rest like
 * provider keys (core/store/sealed-proxy.ts). Callers read and write the plain URL.
 */
export class SealedSettingsRepo extends SettingsRepo {
  constructor(
    db: Db,
    private readonly box: SecretBox,
  ) {
    super(db);
  }

  override all(): Settings {
    const s = super.all();
    if (typeof s.proxy === 'string' && s.proxy) s.proxy = openProxy(this.box, s.proxy);
    return s;
  }

  override patch(patch: Partial<Settings>, now = Date.now()): string[] {
    if (typeof patch.proxy !== 'string' || !patch.proxy) return super.patch(patch, now);
    // Unchanged: left out, so the stored ciphertext (and "nothing changed") stays.
    if (this.all().proxy === patch.proxy) {
      const { proxy: _same, ...rest } = patch;
      return super.patch(rest, now);
    }
    // super.patch compares with all() (plain): the sealed value always differs, and is written.
    return super.patch({ ...patch, proxy: this.box.seal(patch.proxy) }, now);
  }
}
