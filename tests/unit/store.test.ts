import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { resolveDataDir } from '../../core/store/data-dir.js';
import { openDatabase, schemaVersion } from '../../core/store/database.js';
import { Store } from '../../core/store/index.js';
import { MIGRATIONS } from '../../core/store/migrations.js';
import { fileKeyProvider, SecretBox, staticKeyProvider } from '../../core/store/secret-box.js';
import { hashApiKey } from '../../core/store/ids.js';
import { tempDir } from '../helpers/core.js';

const dirs: string[] = [];
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
afterEach(() => void dirs.splice(0));

describe('data directory', () => {
  it('prefers Electron userData, then --data-dir, then $DATA_DIR, then ~/.omniroute', () => {
    const env = { DATA_DIR: '/tmp/from-env' };
    expect(resolveDataDir({ electronUserData: '/tmp/ud', flag: '/tmp/flag', env })).toBe('/tmp/ud');
    expect(resolveDataDir({ flag: '/tmp/flag', env })).toBe('/tmp/flag');
    expect(resolveDataDir({ env })).toBe('/tmp/from-env');
    expect(resolveDataDir({ env: {} })).toBe(path.join(os.homedir(), '.omniroute'));
    expect(resolveDataDir({ flag: '~/x', env: {} })).toBe(path.join(os.homedir(), 'x'));
  });
});

describe('secret box', () => {
  it('round-trips and never stores plain text; each seal differs (fresh IV)', () => {
    const box = new SecretBox(staticKeyProvider(Buffer.alloc(32, 7)));
    const a = box.seal('sk-live-secret-value');
    const b = box.seal('sk-live-secret-value');
    expect(a).not.toContain('sk-live');
    expect(a).not.toBe(b);
    expect(box.open(a)).toBe('sk-live-secret-value');
  });

  it('rejects a tampered ciphertext (GCM tag)', () => {
    const box = new SecretBox(staticKeyProvider(Buffer.alloc(32, 1)));
    const sealed = box.seal('hello');
    const parts = sealed.split(':');
    const body = Buffer.from(parts.at(-1)!, 'base64');
    body[0] = body[0]! ^ 0xff;
    parts[parts.length - 1] = body.toString('base64');
    expect(() => box.open(parts.join(':'))).toThrow();
  });

  it('creates the headless key file with mode 0600 and reuses it', () => {
    const dir = fresh();
    const k1 = fileKeyProvider(dir).getKey();
    const file = path.join(dir, 'secret.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(fileKeyProvider(dir).getKey().equals(k1)).toBe(true);
  });
});

describe('database', () => {
  it('opens in WAL mode at the latest schema version', () => {
    const db = openDatabase(fresh());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    db.close();
  });

  it('backs the database up before running a pending migration, and keeps data', () => {
    const dir = fresh();
    const db = openDatabase(dir);
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('requireApiKey', 'true', 1)").run();
    db.close();
    const next = [...MIGRATIONS, { version: 99, name: 'test', sql: 'CREATE TABLE extra (x INTEGER);' }];
    const backups: string[] = [];
    const db2 = openDatabase(dir, { migrations: next, onBackup: (f) => backups.push(f) });
    expect(schemaVersion(db2)).toBe(99);
    expect(backups).toHaveLength(1);
    expect(existsSync(backups[0]!)).toBe(true);
    const old = new Database(backups[0]!, { readonly: true });
    expect(old.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect((old.prepare('SELECT value FROM settings').get() as { value: string }).value).toBe('true');
    old.close();
    db2.close();
  });
});

describe('store', () => {
  it('keeps provider secrets encrypted and gateway keys hashed on disk', () => {
    const dir = fresh();
    const store = new Store({ dataDir: dir });
    const secret = 'sk-ant-very-secret-provider-key-123456';
    store.providers.upsert({ id: 'anthropic', models: [], enabled: true });
    const { id } = store.connections.upsert({ providerId: 'anthropic', name: 'work', apiKey: secret });
    const { key } = store.apiKeys.create({ name: 'ci' });
    expect(store.connections.secret(id)).toBe(secret);
    expect(store.connections.get(id)).toMatchObject({ hasSecret: true, secretHint: 'sk-…3456' });
    store.close();
    for (const f of readdirSync(dir)) {
      const p = path.join(dir, f);
      if (!statSync(p).isFile()) continue;
      const bytes = readFileSync(p);
      expect(bytes.includes(Buffer.from(secret)), `${f} holds the provider secret`).toBe(false);
      expect(bytes.includes(Buffer.from(key)), `${f} holds the gateway key`).toBe(false);
    }
    const db = new Database(path.join(dir, 'omniroute.db'), { readonly: true });
    expect((db.prepare('SELECT hash FROM api_keys').get() as { hash: string }).hash).toBe(hashApiKey(key));
    db.close();
  });

  it('batches request-log writes and flushes them on close', () => {
    const dir = fresh();
    const store = new Store({ dataDir: dir });
    for (let i = 0; i < 3; i++) {
      store.requestLog.record({
        id: `r${i}`,
        ts: i,
        callerFormat: 'openai-chat',
        attempts: 1,
        status: 200,
        stream: false,
      });
    }
    expect(store.requestLog.pending).toBe(3);
    const db = new Database(path.join(dir, 'omniroute.db'), { readonly: true });
    expect((db.prepare('SELECT COUNT(*) AS n FROM request_log').get() as { n: number }).n).toBe(0);
    store.close();
    expect((db.prepare('SELECT COUNT(*) AS n FROM request_log').get() as { n: number }).n).toBe(3);
    db.close();
  });
});
