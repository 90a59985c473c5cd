import type { Db } from '../db.js';
import { generateApiKey, hashApiKey, newId } from '../ids.js';
import { parseJson } from '../json.js';

/** A gateway key clients send. Only its SHA-256 is stored; the key itself is shown once. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  /** The first characters, so a person can tell keys apart. */
  prefix: string;
  /** Model patterns this key may use (`*` and `?` wildcards); empty = all. */
  models: string[];
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
  lastUsedAt?: number;
}

interface Row {
  id: string;
  name: string;
  hash: string;
  prefix: string;
  models: string;
  enabled: number;
  created_at: number;
  updated_at: number;
  last_used_at: number | null;
}

function fromRow(r: Row): ApiKeyRecord & { hash: string } {
  const rec: ApiKeyRecord & { hash: string } = {
    id: r.id,
    name: r.name,
    hash: r.hash,
    prefix: r.prefix,
    models: parseJson<string[]>(r.models, []),
    enabled: r.enabled === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  if (r.last_used_at != null) rec.lastUsedAt = r.last_used_at;
  return rec;
}

const keyPrefix = (key: string) => key.slice(0, Math.min(12, key.length - 4));

export class ApiKeysRepo {
  constructor(private readonly db: Db) {}

  /** Includes hashes: for the in-memory auth index only, never for an API response. */
  listWithHashes(): Array<ApiKeyRecord & { hash: string }> {
    return (this.db.prepare('SELECT * FROM api_keys ORDER BY name').all() as Row[]).map(fromRow);
  }

  list(): ApiKeyRecord[] {
    return this.listWithHashes().map(({ hash: _hash, ...rest }) => rest);
  }

  get(id: string): ApiKeyRecord | undefined {
    return this.list().find((k) => k.id === id);
  }

  findByName(name: string): (ApiKeyRecord & { hash: string }) | undefined {
    const row = this.db.prepare('SELECT * FROM api_keys WHERE name = ?').get(name) as Row | undefined;
    return row && fromRow(row);
  }

  /**
   * Creates a key. With `key` given (automation), that key is used; otherwise one is generated.
   * The plain key is returned exactly once.
   */
  create(input: { name: string; key?: string; models?: string[]; enabled?: boolean }, now = Date.now()) {
    const key = input.key ?? generateApiKey();
    const id = newId('key');
    this.db
      .prepare(
        `INSERT INTO api_keys (id, name, hash, prefix, models, enabled, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        input.name,
        hashApiKey(key),
        keyPrefix(key),
        JSON.stringify(input.models ?? []),
        input.enabled === false ? 0 : 1,
        now,
        now,
      );
    return { record: this.get(id)!, key };
  }

  /** Config-file apply: same name + same key hash + same fields = no change. */
  ensure(input: { name: string; key?: string; models?: string[]; enabled?: boolean }, now = Date.now()) {
    const existing = this.findByName(input.name);
    if (!existing) {
      const created = this.create(input, now);
      return { changed: true, generatedKey: input.key ? undefined : created.key, id: created.record.id };
    }
    const hash = input.key ? hashApiKey(input.key) : existing.hash;
    const models = JSON.stringify(input.models ?? existing.models);
    const enabled = input.enabled === undefined ? existing.enabled : input.enabled;
    if (
      hash === existing.hash &&
      models === JSON.stringify(existing.models) &&
      enabled === existing.enabled
    ) {
      return { changed: false, id: existing.id };
    }
    this.db
      .prepare('UPDATE api_keys SET hash=?, prefix=?, models=?, enabled=?, updated_at=? WHERE id=?')
      .run(
        hash,
        input.key ? keyPrefix(input.key) : existing.prefix,
        models,
        enabled ? 1 : 0,
        now,
        existing.id,
      );
    return { changed: true, id: existing.id };
  }

  update(
    id: string,
    patch: { name?: string; models?: string[]; enabled?: boolean },
    now = Date.now(),
  ): boolean {
    const cur = this.get(id);
    if (!cur) return false;
    this.db
      .prepare('UPDATE api_keys SET name=?, models=?, enabled=?, updated_at=? WHERE id=?')
      .run(
        patch.name ?? cur.name,
        JSON.stringify(patch.models ?? cur.models),
        (patch.enabled ?? cur.enabled) ? 1 : 0,
        now,
        id,
      );
    return true;
  }

  /** A new secret for the same key record; the old one stops working at once. */
  rotate(id: string, now = Date.now()): string | undefined {
    if (!this.get(id)) return undefined;
    const key = generateApiKey();
    this.db
      .prepare('UPDATE api_keys SET hash=?, prefix=?, updated_at=? WHERE id=?')
      .run(hashApiKey(key), keyPrefix(key), now, id);
    return key;
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM api_keys WHERE id = ?').run(id).changes > 0;
  }

  touch(ids: Iterable<string>, at: number): void {
    const stmt = this.db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?');
    this.db.transaction(() => {
      for (const id of ids) stmt.run(at, id);
    })();
  }
}
