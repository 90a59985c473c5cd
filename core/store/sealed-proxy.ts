// Upstream proxy URLs may carry credentials (`http://user:pass@host:port`), so they are stored
// sealed with the SecretBox, like provider keys: on accounts (connections.proxy), on providers
// (providers.options.proxy) and in the global `proxy` setting. The repos hand the plain URL to
// the runtime; whatever leaves the process masks the credentials (core/util/proxy-url.ts).
// Backups are copies of the database, so they hold the same ciphertext.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { BACKUP_DIR, isBackupName } from './backups.js';
import type { Db } from './db.js';
import { parseJson } from './json.js';
import { isSealed, type SecretBox } from './secret-box.js';

/**
 * What a sealed proxy that can no longer be opened (the data key changed) reads as: requests
 * through it fail to connect, so the account never silently goes direct around its proxy, and
 * the dashboard shows a masked proxy to replace.
 */
export const UNREADABLE_PROXY = 'http://***@unreadable-proxy.invalid';

/** The plain proxy URL of a stored value; values written before proxies were sealed pass as they are. */
export function openProxy(box: SecretBox, stored: string): string {
  if (!isSealed(stored)) return stored;
  try {
    return box.open(stored);
  } catch {
    return UNREADABLE_PROXY;
  }
}

/**
 * The value to store for `next` when `stored` is what is there now: the stored value itself
 * when it already holds that URL (re-sealing would change the ciphertext, fresh IV, and make
 * every unchanged save look like a change), else `next` sealed; null for no proxy.
 */
export function proxyToStore(
  box: SecretBox,
  next: string | null | undefined,
  stored: string | null | undefined,
): string | null {
  if (!next) return null;
  if (stored && openProxy(box, stored) === next) return stored;
  return box.seal(next);
}

/**
 * Seals every proxy URL still stored in plain text, in schema `schema` (`main`, or an attached
 * backup). Returns how many were sealed. Without a box it only checks, and throws when it finds
 * one: the data key is needed.
 */
export function sealStoredProxies(db: Db, box: SecretBox | undefined, schema = 'main'): number {
  // The plain text a value replaces is overwritten, not left in a free page of the file.
  const secureDelete = db.pragma(`${schema}.secure_delete`, { simple: true }) as number;
  db.pragma(`${schema}.secure_delete = ON`);
  try {
    return sealAll(db, box, schema);
  } finally {
    db.pragma(`${schema}.secure_delete = ${secureDelete ? 'ON' : 'OFF'}`);
  }
}

function sealAll(db: Db, box: SecretBox | undefined, schema: string): number {
  const need = (): SecretBox => {
    if (!box) throw new Error('Sealing the stored proxy URLs needs the data key (a SecretBox).');
    return box;
  };
  let n = 0;
  const conns = db
    .prepare(`SELECT id, proxy FROM ${schema}.connections WHERE proxy IS NOT NULL`)
    .all() as Array<{ id: string; proxy: string }>;
  const setConn = db.prepare(`UPDATE ${schema}.connections SET proxy = ? WHERE id = ?`);
  for (const c of conns) {
    if (!c.proxy || isSealed(c.proxy)) continue;
    setConn.run(need().seal(c.proxy), c.id);
    n++;
  }
  const providers = db.prepare(`SELECT id, options FROM ${schema}.providers`).all() as Array<{
    id: string;
    options: string;
  }>;
  const setProvider = db.prepare(`UPDATE ${schema}.providers SET options = ? WHERE id = ?`);
  for (const p of providers) {
    const options = parseJson<Record<string, unknown>>(p.options, {});
    if (typeof options.proxy !== 'string' || !options.proxy || isSealed(options.proxy)) continue;
    options.proxy = need().seal(options.proxy);
    setProvider.run(JSON.stringify(options), p.id);
    n++;
  }
  const setting = db.prepare(`SELECT value FROM ${schema}.settings WHERE key = 'proxy'`).get() as
    { value: string } | undefined;
  const proxy = setting ? parseJson<unknown>(setting.value, null) : null;
  if (typeof proxy === 'string' && proxy && !isSealed(proxy)) {
    db.prepare(`UPDATE ${schema}.settings SET value = ? WHERE key = 'proxy'`).run(
      JSON.stringify(need().seal(proxy)),
    );
    n++;
  }
  return n;
}

/**
 * Seals the plain proxy URLs in every backup in the data dir (those taken before proxies were
 * sealed, and the copy taken just before the migration that seals them). A backup that cannot
 * be opened is reported and left as it is.
 */
export function sealProxiesInBackups(
  db: Db,
  dataDir: string,
  box: SecretBox,
  onWarning?: (message: string) => void,
): void {
  const dir = path.join(dataDir, BACKUP_DIR);
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (!isBackupName(name)) continue;
    try {
      db.prepare('ATTACH DATABASE ? AS backup').run(path.join(dir, name));
      try {
        db.transaction(() => sealStoredProxies(db, box, 'backup'))();
      } finally {
        db.exec('DETACH DATABASE backup');
      }
    } catch (err) {
      onWarning?.(`could not seal the proxy URLs in backup ${name}: ${(err as Error).message}`);
    }
  }
}
