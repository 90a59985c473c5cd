import Database from 'better-sqlite3';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackup } from '../../core/store/backups.js';
import { openDatabase } from '../../core/store/database.js';
import { MIGRATIONS } from '../../core/store/migrations.js';
import { startTestCore, tempDir, type TestCore } from '../helpers/core.js';

// Proxy URLs carry passwords: they are sealed in the database (and so in its backups) like
// provider keys, shown masked by the API, and used in plain text by the gateway. The data dir
// and every file in it that holds data or a secret are the owner's only.

const PASS_CONN = 'conn-proxy-pass-4c1d9e';
const PASS_PROVIDER = 'provider-proxy-pass-77ab2f';
const PASS_SETTING = 'setting-proxy-pass-0e93b5';
const PASSES = [PASS_CONN, PASS_PROVIDER, PASS_SETTING];

const body = (method: string, b: unknown) => ({ method, body: JSON.stringify(b) });

let t: TestCore | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** The database, its WAL and every backup: the bytes on disk. */
function filesOnDisk(dataDir: string): string[] {
  const out = ['omniroute.db', 'omniroute.db-wal'].map((f) => path.join(dataDir, f)).filter(existsSync);
  const backups = path.join(dataDir, 'backups');
  if (existsSync(backups)) for (const f of readdirSync(backups)) out.push(path.join(backups, f));
  return out;
}

function passwordsOnDisk(dataDir: string): string[] {
  const found: string[] = [];
  for (const file of filesOnDisk(dataDir)) {
    const bytes = readFileSync(file);
    for (const p of PASSES) if (bytes.includes(Buffer.from(p))) found.push(`${path.basename(file)}: ${p}`);
  }
  return found;
}

function storedProxies(db: Database.Database) {
  return {
    connection: (db.prepare("SELECT proxy FROM connections WHERE name = 'main'").get() as { proxy: string })
      .proxy,
    provider: JSON.parse(
      (db.prepare("SELECT options FROM providers WHERE id = 'myup'").get() as { options: string }).options,
    ).proxy as string,
    setting: JSON.parse(
      (db.prepare("SELECT value FROM settings WHERE key = 'proxy'").get() as { value: string }).value,
    ) as string,
  };
}

const mode = (p: string) => statSync(p).mode & 0o777;

describe('proxy URLs at rest', () => {
  it('are sealed in the database and backups, masked by the API, plain for the gateway; an unchanged save changes nothing', async () => {
    t = await startTestCore();
    const connProxy = `http://cuser:${PASS_CONN}@proxy-a.example.invalid:3128`;
    const providerProxy = `socks5h://puser:${PASS_PROVIDER}@proxy-b.example.invalid:1080`;
    const settingProxy = `http://suser:${PASS_SETTING}@proxy-c.example.invalid:8080`;
    expect(
      (
        await t.api(
          '/api/providers/myup',
          body('PUT', {
            format: 'openai-chat',
            baseUrl: 'https://models.example.invalid/v1',
            models: ['m1'],
            proxy: providerProxy,
          }),
        )
      ).status,
    ).toBeLessThan(300);
    const created = await t.api(
      '/api/connections',
      body('POST', { providerId: 'myup', name: 'main', apiKey: 'key-0123456789', proxy: connProxy }),
    );
    expect(created.status).toBeLessThan(300);
    const conn = (await created.json()) as { id: string; proxy?: string };
    expect((await t.api('/api/settings', body('PATCH', { proxy: settingProxy }))).status).toBe(200);

    const s = t.core.runtime.store;
    const stored = storedProxies(s.db);
    for (const v of Object.values(stored)) expect(v).toMatch(/^enc:v1:/);

    // The gateway gets the plain URLs.
    const rt = t.core.runtime;
    expect(rt.connections.find((c) => c.name === 'main')?.proxy).toBe(connProxy);
    expect(rt.provider('myup')?.proxy).toBe(providerProxy);
    expect(rt.settings.proxy).toBe(settingProxy);

    // The API shows them masked.
    const api = [
      await (await t.api('/api/providers/myup')).text(),
      await (await t.api('/api/connections')).text(),
      await (await t.api('/api/settings')).text(),
      await (await t.api('/api/export')).text(),
    ].join('\n');
    for (const p of PASSES) expect(api).not.toContain(p);
    expect(api).toContain('http://***@proxy-a.example.invalid:3128');
    expect(api).toContain('http://***@proxy-c.example.invalid:8080');

    // A masked value sent back keeps the stored one; the ciphertext stays as it was.
    const settings = (await (await t.api('/api/settings')).json()) as { proxy: string };
    expect((await t.api('/api/settings', body('PATCH', { proxy: settings.proxy }))).status).toBe(200);
    expect(
      (
        await t.api(
          `/api/connections/${conn.id}`,
          body('PATCH', { proxy: 'http://***@proxy-a.example.invalid:3128' }),
        )
      ).status,
    ).toBe(200);
    expect(s.connections.update(conn.id, { proxy: connProxy })).toBe(false);
    expect(s.settings.patch({ proxy: settingProxy })).toEqual([]);
    expect(storedProxies(s.db)).toEqual(stored);
    expect(rt.settings.proxy).toBe(settingProxy);

    // A backup is a copy of the database: the same ciphertext.
    const backup = await t.api('/api/backups', { method: 'POST' });
    expect(backup.status).toBe(201);
    s.requestLog.flush();
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(passwordsOnDisk(t.dataDir)).toEqual([]);
  });

  it('stored in plain text by an older version are sealed on upgrade, in the database and its backups', async () => {
    const dataDir = tempDir();
    // A version-3 database, as the previous release left it, with plain proxy URLs and a backup.
    const old = openDatabase(dataDir, { migrations: MIGRATIONS.filter((m) => m.version <= 3) });
    const now = Date.now();
    old
      .prepare(
        `INSERT INTO providers (id, format, base_url, models, enabled, options, created_at, updated_at)
         VALUES ('myup', 'openai-chat', 'https://models.example.invalid/v1', '["m1"]', 1, ?, ?, ?)`,
      )
      .run(JSON.stringify({ proxy: `http://p:${PASS_PROVIDER}@proxy-b.example.invalid:1080` }), now, now);
    old
      .prepare(
        `INSERT INTO connections (id, provider_id, name, priority, enabled, proxy, options, created_at, updated_at)
         VALUES ('conn_1', 'myup', 'main', 0, 1, ?, '{}', ?, ?)`,
      )
      .run(`http://c:${PASS_CONN}@proxy-a.example.invalid:3128`, now, now);
    old
      .prepare("INSERT INTO settings (key, value, updated_at) VALUES ('proxy', ?, ?)")
      .run(JSON.stringify(`http://s:${PASS_SETTING}@proxy-c.example.invalid:8080`), now);
    createBackup(old, dataDir);
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    expect(passwordsOnDisk(dataDir).length).toBeGreaterThan(0);

    t = await startTestCore({ dataDir });
    const s = t.core.runtime.store;
    for (const v of Object.values(storedProxies(s.db))) expect(v).toMatch(/^enc:v1:/);
    expect(t.core.runtime.connections.find((c) => c.name === 'main')?.proxy).toBe(
      `http://c:${PASS_CONN}@proxy-a.example.invalid:3128`,
    );
    expect(t.core.runtime.settings.proxy).toBe(`http://s:${PASS_SETTING}@proxy-c.example.invalid:8080`);
    const settings = (await (await t.api('/api/settings')).json()) as { proxy: string };
    expect(settings.proxy).toBe('http://***@proxy-c.example.invalid:8080');
    // Two backups now: the one taken before, and the copy taken before the migration.
    expect(readdirSync(path.join(dataDir, 'backups'))).toHaveLength(2);
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(passwordsOnDisk(dataDir)).toEqual([]);
  });
});

describe.skipIf(process.platform === 'win32')('file modes', () => {
  it('a new data dir is 0700; the database, its WAL and SHM, the key and backups are 0600', async () => {
    const dataDir = path.join(tempDir(), 'fresh');
    t = await startTestCore({ dataDir });
    // Something written, so the WAL and shared-memory files exist.
    await t.api('/api/settings', body('PATCH', { bodyLimitMb: 9 }));
    expect(mode(dataDir)).toBe(0o700);
    for (const f of ['omniroute.db', 'omniroute.db-wal', 'omniroute.db-shm', 'secret.key']) {
      const file = path.join(dataDir, f);
      if (f === 'secret.key') t.core.runtime.store.box.seal('x'); // the key file is made on first use
      expect(existsSync(file), f).toBe(true);
      expect(mode(file), f).toBe(0o600);
    }
    const made = (await (await t.api('/api/backups', { method: 'POST' })).json()) as { name: string };
    expect(mode(path.join(dataDir, 'backups'))).toBe(0o700);
    expect(mode(path.join(dataDir, 'backups', made.name))).toBe(0o600);
  });

  it('an existing data dir and files with loose modes are tightened at start, and the migration backup is 0600', async () => {
    const dataDir = tempDir();
    const old = openDatabase(dataDir, { migrations: MIGRATIONS.filter((m) => m.version <= 3) });
    old.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('bodyLimitMb', '7', 0)").run();
    createBackup(old, dataDir);
    old.close();
    writeFileSync(path.join(dataDir, 'admin.token'), 'omni-admin-old-token\n', { mode: 0o644 });
    writeFileSync(path.join(dataDir, 'secret.key'), Buffer.alloc(32, 3).toString('base64') + '\n', {
      mode: 0o644,
    });
    mkdirSync(path.join(dataDir, 'backups'), { recursive: true });
    chmodSync(dataDir, 0o755);
    chmodSync(path.join(dataDir, 'backups'), 0o755);
    for (const f of [
      'omniroute.db',
      'admin.token',
      'secret.key',
      ...readdirSync(path.join(dataDir, 'backups')).map((b) => `backups/${b}`),
    ])
      chmodSync(path.join(dataDir, f), 0o644);

    t = await startTestCore({ dataDir });
    await t.api('/api/settings', body('PATCH', { bodyLimitMb: 9 }));
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, 'backups'))).toBe(0o700);
    for (const f of ['omniroute.db', 'omniroute.db-wal', 'omniroute.db-shm', 'admin.token', 'secret.key'])
      expect(mode(path.join(dataDir, f)), f).toBe(0o600);
    const backups = readdirSync(path.join(dataDir, 'backups'));
    // The one made before, and the copy taken before this start's migration.
    expect(backups.some((b) => /^omniroute-v3-/.test(b))).toBe(true);
    for (const b of backups) expect(mode(path.join(dataDir, 'backups', b)), b).toBe(0o600);
  });
});
