import type { WireFormat } from '../../formats/canonical.js';
import type { Db } from '../db.js';
import { parseJson } from '../json.js';
import { openProxy, proxyToStore } from '../sealed-proxy.js';
import type { SecretBox } from '../secret-box.js';
import type { LoginKindId } from '../../providers/login/types.js';
import type { ProviderTimeouts } from '../../providers/types.js';
import type { Strategy } from './combos.js';

/** A provider the user configured: a built-in with overrides, or one of their own. */
export interface ProviderRecord {
  id: string;
  name?: string;
  format?: WireFormat;
  baseUrl?: string;
  models: string[];
  local?: boolean;
  enabled: boolean;
  /** How this provider's accounts are ordered; absent = fill-first. Kept in the `options` JSON. */
  accountStrategy?: Strategy;
  /**
   * Upstream proxy for every account of this provider that has none of its own. In `options`,
   * sealed (it may carry a password); plain here.
   */
  proxy?: string;
  /**
   * A login passthrough provider: no stored account, the caller's own vendor login is forwarded
   * (SUBSCRIPTIONS.md, route 1). In `options`.
   */
  login?: LoginKindId;
  /** A sign-in provider's authorization server, when not the vendor's. In `options`. */
  authUrl?: string;
  /** This provider's own upstream time limits (each wins over its global setting). In `options`. */
  timeouts?: ProviderTimeouts;
  createdAt: number;
  updatedAt: number;
}

export type ProviderInput = Omit<ProviderRecord, 'createdAt' | 'updatedAt'>;

interface Row {
  id: string;
  name: string | null;
  format: string | null;
  base_url: string | null;
  models: string;
  local: number | null;
  enabled: number;
  options: string;
  created_at: number;
  updated_at: number;
}

function fromRow(r: Row, box: SecretBox): ProviderRecord {
  const rec: ProviderRecord = {
    id: r.id,
    models: parseJson<string[]>(r.models, []),
    enabled: r.enabled === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  if (r.name != null) rec.name = r.name;
  if (r.format != null) rec.format = r.format as WireFormat;
  if (r.base_url != null) rec.baseUrl = r.base_url;
  if (r.local != null) rec.local = r.local === 1;
  const options = parseJson<
    Pick<ProviderRecord, 'accountStrategy' | 'proxy' | 'login' | 'authUrl' | 'timeouts'>
  >(r.options, {});
  if (options.authUrl) rec.authUrl = options.authUrl;
  if (options.timeouts && Object.keys(options.timeouts).length) rec.timeouts = options.timeouts;
  if (options.accountStrategy) rec.accountStrategy = options.accountStrategy;
  if (options.proxy) rec.proxy = openProxy(box, options.proxy);
  if (options.login) rec.login = options.login;
  return rec;
}

/** The limits actually given, in a fixed key order (so an unchanged upsert compares equal); none: undefined. */
function ownTimeouts(t: ProviderTimeouts | undefined): ProviderTimeouts | undefined {
  if (!t) return undefined;
  const out: ProviderTimeouts = {};
  if (t.firstByteMs !== undefined) out.firstByteMs = t.firstByteMs;
  if (t.answerMs !== undefined) out.answerMs = t.answerMs;
  if (t.stallMs !== undefined) out.stallMs = t.stallMs;
  return Object.keys(out).length ? out : undefined;
}

export class ProvidersRepo {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
  ) {}

  list(): ProviderRecord[] {
    return (this.db.prepare('SELECT * FROM providers ORDER BY id').all() as Row[]).map((r) =>
      fromRow(r, this.box),
    );
  }

  get(id: string): ProviderRecord | undefined {
    const row = this.db.prepare('SELECT * FROM providers WHERE id = ?').get(id) as Row | undefined;
    return row && fromRow(row, this.box);
  }

  /** Returns true when something changed. */
  upsert(input: ProviderInput, now = Date.now()): boolean {
    const existing = this.get(input.id);
    const row = this.db.prepare('SELECT options FROM providers WHERE id = ?').get(input.id) as
      { options: string } | undefined;
    const options = parseJson<Record<string, unknown>>(row?.options, {});
    // Unknown option keys (written by a newer version) survive; accountStrategy is replaced.
    if (input.accountStrategy && input.accountStrategy !== 'fill-first')
      options.accountStrategy = input.accountStrategy;
    else delete options.accountStrategy;
    // Sealed; the stored ciphertext is kept when the URL did not change.
    if (input.proxy)
      options.proxy = proxyToStore(
        this.box,
        input.proxy,
        typeof options.proxy === 'string' ? options.proxy : undefined,
      );
    else delete options.proxy;
    if (input.login) options.login = input.login;
    else delete options.login;
    if (input.authUrl) options.authUrl = input.authUrl;
    else delete options.authUrl;
    const timeouts = ownTimeouts(input.timeouts);
    if (timeouts) options.timeouts = timeouts;
    else delete options.timeouts;
    const values = {
      id: input.id,
      name: input.name ?? null,
      format: input.format ?? null,
      base_url: input.baseUrl ?? null,
      models: JSON.stringify(input.models ?? []),
      local: input.local === undefined ? null : input.local ? 1 : 0,
      enabled: input.enabled ? 1 : 0,
      options: JSON.stringify(options),
    };
    if (existing) {
      const same =
        (existing.name ?? null) === values.name &&
        (existing.format ?? null) === values.format &&
        (existing.baseUrl ?? null) === values.base_url &&
        JSON.stringify(existing.models) === values.models &&
        (existing.local === undefined ? null : existing.local ? 1 : 0) === values.local &&
        (existing.enabled ? 1 : 0) === values.enabled &&
        JSON.stringify(parseJson(row?.options, {})) === values.options;
      if (same) return false;
      this.db
        .prepare(
          `UPDATE providers SET name=@name, format=@format, base_url=@base_url, models=@models, local=@local,
           enabled=@enabled, options=@options, updated_at=@now WHERE id=@id`,
        )
        .run({ ...values, now });
      return true;
    }
    this.db
      .prepare(
        `INSERT INTO providers (id, name, format, base_url, models, local, enabled, options, created_at, updated_at)
         VALUES (@id, @name, @format, @base_url, @models, @local, @enabled, @options, @now, @now)`,
      )
      .run({ ...values, now });
    return true;
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM providers WHERE id = ?').run(id).changes > 0;
  }
}
