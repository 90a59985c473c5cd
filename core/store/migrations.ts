// Versioned schema. Append only: a released migration is never edited, a change is a new one.
import type { Db } from './db.js';
import type { SecretBox } from './secret-box.js';
import { sealProxiesInBackups, sealStoredProxies } from './sealed-proxy.js';

export interface MigrationContext {
  dataDir: string;
  /** The data key's box; absent when the database is opened without a Store (tests). */
  box?: SecretBox;
  onWarning?: (message: string) => void;
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** A step SQL cannot do (sealing values with the data key), in the same transaction. */
  up?: (db: Db, ctx: MigrationContext) => void;
  /** After the migration is committed, outside any transaction (other files: the backups). */
  after?: (db: Db, ctx: MigrationContext) => void;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
      CREATE TABLE providers (
        id TEXT PRIMARY KEY,
        name TEXT,
        format TEXT,
        base_url TEXT,
        models TEXT NOT NULL DEFAULT '[]',
        local INTEGER,
        enabled INTEGER NOT NULL DEFAULT 1,
        options TEXT NOT NULL DEFAULT '{}',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE connections (
        id TEXT PRIMARY KEY,
        provider_id TEXT NOT NULL,
        name TEXT NOT NULL,
        secret TEXT,
        secret_hint TEXT,
        priority INTEGER NOT NULL DEFAULT 0,
        enabled INTEGER NOT NULL DEFAULT 1,
        base_url TEXT,
        proxy TEXT,
        options TEXT NOT NULL DEFAULT '{}',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (provider_id, name)
      );
      CREATE INDEX connections_provider ON connections (provider_id);
      CREATE TABLE combos (
        name TEXT PRIMARY KEY,
        strategy TEXT NOT NULL DEFAULT 'fill-first',
        models TEXT NOT NULL DEFAULT '[]',
        enabled INTEGER NOT NULL DEFAULT 1,
        options TEXT NOT NULL DEFAULT '{}',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        hash TEXT NOT NULL UNIQUE,
        prefix TEXT NOT NULL,
        models TEXT NOT NULL DEFAULT '[]',
        enabled INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        last_used_at INTEGER
      );
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE request_log (
        id TEXT PRIMARY KEY,
        ts INTEGER NOT NULL,
        api_key_id TEXT,
        caller_format TEXT NOT NULL,
        requested_model TEXT,
        provider_id TEXT,
        connection_id TEXT,
        upstream_model TEXT,
        attempts INTEGER NOT NULL DEFAULT 1,
        status INTEGER NOT NULL,
        stream INTEGER NOT NULL DEFAULT 0,
        latency_ms REAL,
        ttfb_ms REAL,
        input_tokens INTEGER,
        output_tokens INTEGER,
        cached_tokens INTEGER,
        reasoning_tokens INTEGER,
        cost_usd REAL,
        error TEXT
      );
      CREATE INDEX request_log_ts ON request_log (ts);
    `,
  },
  {
    version: 2,
    name: 'request log detail',
    sql: `
      ALTER TABLE request_log ADD COLUMN combo TEXT;
      ALTER TABLE request_log ADD COLUMN detail TEXT;
      CREATE INDEX request_log_provider_ts ON request_log (provider_id, ts);
    `,
  },
  {
    version: 3,
    name: 'budgets, price overrides, aliases',
    sql: `
      CREATE TABLE budgets (
        id TEXT PRIMARY KEY,
        scope_kind TEXT NOT NULL,
        scope_id TEXT,
        period TEXT NOT NULL,
        limit_usd REAL NOT NULL,
        action TEXT NOT NULL DEFAULT 'block',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE price_overrides (
        model TEXT NOT NULL,
        provider_id TEXT NOT NULL DEFAULT '',
        input_per_mtok REAL NOT NULL,
        output_per_mtok REAL NOT NULL,
        cached_input_per_mtok REAL,
        cache_write_per_mtok REAL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (model, provider_id)
      );
      CREATE TABLE aliases (
        pattern TEXT PRIMARY KEY,
        target TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'sealed proxy URLs',
    // Proxy URLs may carry a password: sealed like provider keys (core/store/sealed-proxy.ts),
    // here and in the backups, which are copies of this file.
    sql: '',
    up: (db, ctx) => void sealStoredProxies(db, ctx.box),
    after: (db, ctx) => {
      if (ctx.box) sealProxiesInBackups(db, ctx.dataDir, ctx.box, ctx.onWarning);
    },
  },
  {
    version: 5,
    name: 'request log cache writes',
    // Cache writes are priced apart (Anthropic: 1.25× input): a row must say how many there were.
    sql: 'ALTER TABLE request_log ADD COLUMN cache_write_tokens INTEGER;',
  },
  {
    version: 6,
    name: 'request kinds and units',
    // Non-chat endpoints (embeddings, images, audio…): what each request was for, and what it is
    // billed by when that is not tokens. A row without a kind is a chat request.
    sql: `
      ALTER TABLE request_log ADD COLUMN kind TEXT;
      ALTER TABLE request_log ADD COLUMN units REAL;
      ALTER TABLE request_log ADD COLUMN unit TEXT;
    `,
  },
];
