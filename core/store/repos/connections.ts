import type { Db } from '../db.js';
import { newId, secretHint } from '../ids.js';
import type { SecretBox } from '../secret-box.js';
import { openProxy, proxyToStore } from '../sealed-proxy.js';

/**
 * One account of a provider. The secret never leaves the store except to the executor; the
 * proxy URL (it may carry a password) is stored sealed too, and read back in plain text.
 */
export interface ConnectionRecord {
  id: string;
  providerId: string;
  name: string;
  hasSecret: boolean;
  secretHint?: string;
  priority: number;
  enabled: boolean;
  baseUrl?: string;
  proxy?: string;
  /** Quota windows: a preset and/or explicit windows (core/routing/quota). */
  quota?: { preset?: string; windows?: unknown[] };
  /** Share for the provider's `weighted` account strategy; absent = 1. */
  weight?: number;
  /** Per-account limiter (core/routing/limiter.ts): a refusal moves the request to the next account. */
  limits?: ConnectionLimits;
  /**
   * A signed-in account (chatgpt-plan) that cannot serve until the user acts: its refresh token
   * is dead (sign in again), or the plan-usage permission was not granted.
   */
  signInState?: SignInState;
  /** Values the provider puts in its URL (Cloudflare's account id, Azure's resource): not secret. */
  fields?: Record<string, string>;
  /** What the provider's models endpoint last listed for this account (core/gateway/model-discovery.ts). */
  discovery?: ModelDiscovery;
  createdAt: number;
  updatedAt: number;
}

export type SignInState = 'sign-in-again' | 'plan-usage-off';

/** One account's model discovery: the last list that worked, and how the last try went. */
export interface ModelDiscovery {
  /** When the list below was read (ms). */
  at?: number;
  /** Ids the account can use, as its provider listed them. */
  models: string[];
  /** Per id, what the provider said of it (only ids it said something of). */
  info?: Record<string, { kind?: string; contextWindow?: number }>;
  /** Ids that appeared in the last list and were in neither the registry nor the list before. */
  added: string[];
  /** Ids of the list before that the last list no longer had. */
  removed: string[];
  /** When discovery was last tried (ms), and why it failed, when it did. */
  triedAt: number;
  error?: string;
}

export interface ConnectionLimits {
  rpm?: number;
  minGapMs?: number;
  maxConcurrent?: number;
}

/** Settings kept in the `options` JSON column; undefined in a patch leaves one as is, null removes it. */
const OPTION_KEYS = ['quota', 'weight', 'limits', 'signInState', 'fields', 'discovery'] as const;

export interface ConnectionInput {
  providerId: string;
  name: string;
  /** undefined: leave as is; null: remove. */
  apiKey?: string | null;
  priority?: number;
  enabled?: boolean;
  baseUrl?: string | null;
  proxy?: string | null;
  /** undefined: leave as is; null: remove. */
  quota?: { preset?: string; windows?: unknown[] } | null;
  weight?: number | null;
  limits?: ConnectionLimits | null;
  signInState?: SignInState | null;
  fields?: Record<string, string> | null;
  discovery?: ModelDiscovery | null;
}

interface Row {
  id: string;
  provider_id: string;
  name: string;
  secret: string | null;
  secret_hint: string | null;
  priority: number;
  enabled: number;
  base_url: string | null;
  proxy: string | null;
  options: string;
  created_at: number;
  updated_at: number;
}

function fromRow(r: Row, box: SecretBox): ConnectionRecord {
  const rec: ConnectionRecord = {
    id: r.id,
    providerId: r.provider_id,
    name: r.name,
    hasSecret: r.secret != null,
    priority: r.priority,
    enabled: r.enabled === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  if (r.secret_hint != null) rec.secretHint = r.secret_hint;
  if (r.base_url != null) rec.baseUrl = r.base_url;
  if (r.proxy != null) rec.proxy = openProxy(box, r.proxy);
  const options = JSON.parse(r.options || '{}') as Pick<
    ConnectionRecord,
    'quota' | 'weight' | 'limits' | 'signInState' | 'fields' | 'discovery'
  >;
  if (options.signInState) rec.signInState = options.signInState;
  if (options.quota) rec.quota = options.quota;
  if (typeof options.weight === 'number') rec.weight = options.weight;
  if (options.limits) rec.limits = options.limits;
  if (options.fields) rec.fields = options.fields;
  if (options.discovery) rec.discovery = options.discovery;
  return rec;
}

function applyOptions(
  options: Record<string, unknown>,
  patch: Partial<ConnectionInput>,
): Record<string, unknown> {
  for (const k of OPTION_KEYS) {
    const v = patch[k];
    if (v === null) delete options[k];
    else if (v !== undefined) options[k] = v;
  }
  return options;
}

export class ConnectionsRepo {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
  ) {}

  list(providerId?: string): ConnectionRecord[] {
    const rows = providerId
      ? this.db
          .prepare('SELECT * FROM connections WHERE provider_id = ? ORDER BY priority, name')
          .all(providerId)
      : this.db.prepare('SELECT * FROM connections ORDER BY provider_id, priority, name').all();
    return (rows as Row[]).map((r) => fromRow(r, this.box));
  }

  get(id: string): ConnectionRecord | undefined {
    const row = this.db.prepare('SELECT * FROM connections WHERE id = ?').get(id) as Row | undefined;
    return row && fromRow(row, this.box);
  }

  findByName(providerId: string, name: string): ConnectionRecord | undefined {
    const row = this.db
      .prepare('SELECT * FROM connections WHERE provider_id = ? AND name = ?')
      .get(providerId, name) as Row | undefined;
    return row && fromRow(row, this.box);
  }

  /** The decrypted secret, for the executor only. */
  secret(id: string): string | undefined {
    const row = this.db.prepare('SELECT secret FROM connections WHERE id = ?').get(id) as
      { secret: string | null } | undefined;
    return row?.secret ? this.box.open(row.secret) : undefined;
  }

  /** Creates or updates by (provider, name). Returns the id and whether anything changed. */
  upsert(input: ConnectionInput, now = Date.now()): { id: string; changed: boolean } {
    const existing = this.findByName(input.providerId, input.name);
    if (!existing) {
      const id = newId('conn');
      const key = input.apiKey ?? null;
      this.db
        .prepare(
          `INSERT INTO connections (id, provider_id, name, secret, secret_hint, priority, enabled, base_url, proxy, options, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          input.providerId,
          input.name,
          key ? this.box.seal(key) : null,
          key ? secretHint(key) : null,
          input.priority ?? 0,
          input.enabled === false ? 0 : 1,
          input.baseUrl ?? null,
          proxyToStore(this.box, input.proxy, null),
          JSON.stringify(applyOptions({}, input)),
          now,
          now,
        );
      return { id, changed: true };
    }
    return { id: existing.id, changed: this.update(existing.id, input, now) };
  }

  /** Applies only the fields given. Returns true when something changed. */
  update(id: string, patch: Partial<ConnectionInput>, now = Date.now()): boolean {
    const row = this.db.prepare('SELECT * FROM connections WHERE id = ?').get(id) as Row | undefined;
    if (!row) return false;
    const next = { ...row };
    if (patch.name !== undefined) next.name = patch.name;
    if (patch.priority !== undefined) next.priority = patch.priority;
    if (patch.enabled !== undefined) next.enabled = patch.enabled ? 1 : 0;
    if (patch.baseUrl !== undefined) next.base_url = patch.baseUrl;
    if (patch.proxy !== undefined) next.proxy = proxyToStore(this.box, patch.proxy, row.proxy);
    if (OPTION_KEYS.some((k) => patch[k] !== undefined)) {
      next.options = JSON.stringify(applyOptions(JSON.parse(row.options || '{}'), patch));
    }
    if (patch.apiKey !== undefined) {
      const current = row.secret ? this.box.open(row.secret) : null;
      // Re-sealing an unchanged key would change the ciphertext (fresh IV) and break idempotence.
      if (current !== patch.apiKey) {
        next.secret = patch.apiKey ? this.box.seal(patch.apiKey) : null;
        next.secret_hint = patch.apiKey ? secretHint(patch.apiKey) : null;
      }
    }
    const changed = (Object.keys(next) as Array<keyof Row>).some((k) => next[k] !== row[k]);
    if (!changed) return false;
    this.db
      .prepare(
        `UPDATE connections SET name=@name, secret=@secret, secret_hint=@secret_hint, priority=@priority,
         enabled=@enabled, base_url=@base_url, proxy=@proxy, options=@options, updated_at=@now WHERE id=@id`,
      )
      .run({ ...next, now });
    return true;
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM connections WHERE id = ?').run(id).changes > 0;
  }

  deleteForProvider(providerId: string): number {
    return this.db.prepare('DELETE FROM connections WHERE provider_id = ?').run(providerId).changes;
  }
}
