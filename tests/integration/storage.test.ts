import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../core/config/schema.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

const KEY_CANARY = 'sk-export-canary-5b9e1d7f3a';
const PROXY_CANARY = 'proxy-pass-canary-81c4';
const SETTINGS_PROXY_CANARY = 'settings-proxy-canary-2e6d';

let a: TestCore;
const body = (method: string, b: unknown) => ({ method, body: JSON.stringify(b) });
const exportOf = async (t: TestCore, q = '') => (await (await t.api(`/api/export${q}`)).json()) as any;
const importInto = async (t: TestCore, config: unknown, dryRun?: boolean) => {
  const res = await t.api(
    '/api/import',
    body('POST', { config, ...(dryRun === undefined ? {} : { dryRun }) }),
  );
  return { status: res.status, json: (await res.json()) as any };
};
/** Everything but the gateway keys' generated parts: what must survive a round trip. */
const comparable = (doc: any) => ({ ...doc, apiKeys: undefined });

beforeAll(async () => {
  a = await startTestCore();
  await a.api(
    '/api/providers/myup',
    body('PUT', {
      format: 'anthropic',
      baseUrl: 'https://models.example.invalid/v1',
      models: ['m-large', 'm-small'],
      proxy: `http://puser:${PROXY_CANARY}@proxy.example.invalid:3128`,
    }),
  );
  await a.api(
    '/api/connections',
    body('POST', { providerId: 'myup', name: 'main', apiKey: KEY_CANARY, priority: 2 }),
  );
  await a.api(
    '/api/connections',
    body('POST', {
      providerId: 'myup',
      name: 'spare',
      apiKey: 'sk-second-account-key-0000',
      enabled: false,
      proxy: `socks5h://u:${PROXY_CANARY}@127.0.0.1:1080`,
      quota: { preset: 'claude-pro' },
    }),
  );
  await a.api(
    '/api/connections',
    body('POST', { providerId: 'openai', name: 'work', apiKey: 'sk-openai-work-key-1111' }),
  );
  await a.api(
    '/api/combos/main',
    body('PUT', { strategy: 'round-robin', models: ['myup/m-large', 'openai/gpt-4.1'] }),
  );
  await a.api('/api/combos/cheap', body('PUT', { models: ['myup/m-small'], enabled: false }));
  await a.api('/api/keys', body('POST', { name: 'ci', models: ['myup/*'] }));
  await a.api(
    '/api/settings',
    body('PATCH', {
      bodyLimitMb: 8,
      systemPrompt: 'Be brief. ${NOT_AN_ENV_VAR}',
      activeCombo: 'main',
      ipAllowList: ['192.168.0.0/16'],
      proxy: `http://s:${SETTINGS_PROXY_CANARY}@proxy.example.invalid:8080`,
    }),
  );
  const s = a.core.runtime.store;
  const key = s.apiKeys.findByName('ci')!;
  s.budgets.ensure({ scope: { kind: 'key', id: key.id }, period: 'month', limitUsd: 25, action: 'warn' });
  s.budgets.ensure({ scope: { kind: 'global' }, period: 'day', limitUsd: 5, action: 'block' });
  s.prices.upsert({ model: 'm-large', providerId: 'myup', inputPerMTok: 3, outputPerMTok: 15 });
  s.aliases.upsert({ pattern: 'fast-*', target: 'myup/m-small' });
  a.core.runtime.reload();
});
afterAll(async () => {
  await a?.close();
});

describe('GET /api/export', () => {
  it('is a valid config-file document with every section, and no secret unless asked', async () => {
    const res = await a.api('/api/export');
    expect(res.status).toBe(200);
    const text = await res.text();
    const doc = JSON.parse(text);
    expect(ConfigSchema.safeParse(doc).success).toBe(true);
    const sections = Object.keys(ConfigSchema.shape).filter((k) => k !== '$schema');
    expect(Object.keys(doc).sort()).toEqual(sections.sort());
    for (const canary of [KEY_CANARY, PROXY_CANARY, SETTINGS_PROXY_CANARY, 'sk-openai-work-key-1111'])
      expect(text).not.toContain(canary);
    expect(text).not.toMatch(/"(hash|prefix|secretHint)"/);
    const myup = doc.providers.find((p: any) => p.id === 'myup');
    expect(myup).toMatchObject({
      format: 'anthropic',
      baseUrl: 'https://models.example.invalid/v1',
      models: ['m-large', 'm-small'],
      proxy: 'http://***@proxy.example.invalid:3128',
    });
    expect(myup.accounts).toEqual([
      {
        name: 'spare',
        keepApiKey: true,
        priority: 0,
        enabled: false,
        proxy: 'socks5h://***@127.0.0.1:1080',
        quota: { preset: 'claude-pro' },
      },
      { name: 'main', keepApiKey: true, priority: 2, enabled: true },
    ]);
    expect(doc.combos).toEqual([
      { name: 'cheap', strategy: 'fill-first', models: ['myup/m-small'], enabled: false },
      { name: 'main', strategy: 'round-robin', models: ['myup/m-large', 'openai/gpt-4.1'], enabled: true },
    ]);
    expect(doc.apiKeys).toEqual([{ name: 'ci', models: ['myup/*'], enabled: true }]);
    expect(doc.budgets).toEqual(
      expect.arrayContaining([
        { scope: 'key:ci', period: 'month', limitUsd: 25, action: 'warn' },
        { scope: 'global', period: 'day', limitUsd: 5, action: 'block' },
      ]),
    );
    expect(doc.prices).toEqual([
      { model: 'm-large', providerId: 'myup', inputPerMTok: 3, outputPerMTok: 15 },
    ]);
    expect(doc.aliases).toEqual([{ pattern: 'fast-*', target: 'myup/m-small' }]);
    expect(doc.settings).toMatchObject({
      bodyLimitMb: 8,
      activeCombo: 'main',
      ipAllowList: ['192.168.0.0/16'],
      proxy: 'http://***@proxy.example.invalid:8080',
    });
  });

  it('?secrets=true returns provider keys and proxy credentials in plain text (admin credentials only)', async () => {
    const text = await (await a.api('/api/export?secrets=true')).text();
    for (const canary of [KEY_CANARY, PROXY_CANARY, SETTINGS_PROXY_CANARY]) expect(text).toContain(canary);
    expect(text).not.toContain('keepApiKey');
    await a.api('/api/auth/password', body('PUT', { password: 'storage test pw' }));
    try {
      expect((await fetch(`${a.url}/api/export?secrets=true`)).status).toBe(401);
      // A dashboard session must give the password (or the admin token) again for secrets.
      const link = await fetch(a.core.dashboardLink(), { redirect: 'manual' });
      const cookie = link.headers.get('set-cookie')!.split(';')[0]!;
      const asSession = (confirm?: string) =>
        fetch(`${a.url}/api/export?secrets=true`, {
          headers: { cookie, ...(confirm ? { 'x-omniroute-confirm': confirm } : {}) },
        });
      const without = await asSession();
      expect(without.status).toBe(401);
      expect(((await without.json()) as any).error.message).toContain('X-OmniRoute-Confirm');
      expect((await asSession('wrong password')).status).toBe(401);
      const withPassword = await asSession('storage test pw');
      expect(withPassword.status).toBe(200);
      expect(await withPassword.text()).toContain(KEY_CANARY);
      expect((await asSession(a.adminToken)).status).toBe(200);
      // Without secrets, the session alone is enough.
      const plain = await fetch(`${a.url}/api/export`, { headers: { cookie } });
      expect(plain.status).toBe(200);
      expect(await plain.text()).not.toContain(KEY_CANARY);
    } finally {
      await a.api('/api/auth/password', body('PUT', { password: null, current: 'storage test pw' }));
    }
  });
});

describe('POST /api/import', () => {
  it('export → import into a fresh core gives the same configuration; a second import changes nothing', async () => {
    const full = await exportOf(a, '?secrets=true');
    const b = await startTestCore();
    try {
      const first = await importInto(b, full);
      expect(first.status).toBe(200);
      expect(first.json.dryRun).toBe(false);
      expect(first.json.changes).toEqual(
        expect.arrayContaining(['provider myup', 'account myup/main', 'combo main']),
      );
      // The key's secret never left the first core: a new one is generated and shown once.
      expect(first.json.generatedKeys.map((k: any) => k.name)).toEqual(['ci']);
      expect(comparable(await exportOf(b, '?secrets=true'))).toEqual(comparable(full));
      expect(comparable(await exportOf(b))).toEqual(comparable(await exportOf(a)));
      const conn = b.core.runtime.connections.find((c) => c.name === 'main')!;
      expect(b.core.runtime.secret(conn.id)).toBe(KEY_CANARY);
      expect(b.core.runtime.settings.activeCombo).toBe('main');

      const again = await importInto(b, full);
      expect(again.json).toEqual({ dryRun: false, changes: [], generatedKeys: [] });
    } finally {
      await b.close();
    }
  });

  it('an export without secrets keeps the keys and proxy credentials already stored', async () => {
    const plain = await exportOf(a);
    const r = await importInto(a, plain);
    expect(r.status).toBe(200);
    expect(r.json.changes).toEqual([]);
    const conn = a.core.runtime.connections.find((c) => c.name === 'main')!;
    expect(a.core.runtime.secret(conn.id)).toBe(KEY_CANARY);
    expect(a.core.runtime.provider('myup')?.proxy).toContain(PROXY_CANARY);
    expect(a.core.runtime.settings.proxy).toContain(SETTINGS_PROXY_CANARY);
  });

  it('an invalid document gives 400 with the key path and an issues list, and writes nothing', async () => {
    const before = await exportOf(a, '?secrets=true');
    const bad = {
      providers: [{ id: 'brand-new', format: 'openai-chat', baseUrl: 'http://127.0.0.1:9/v1' }],
      combos: [
        { name: 'x', models: ['a/b'], stratgy: 'random' },
        { name: 'y', models: [], strategy: 'nope' },
      ],
    };
    const r = await importInto(a, bad);
    expect(r.status).toBe(400);
    expect(r.json.error.param).toBe('combos[0].stratgy');
    expect(r.json.error.message).toBe('combos[0].stratgy: unknown key "stratgy"');
    expect(r.json.issues.map((i: any) => i.path)).toEqual(
      expect.arrayContaining(['combos[0].stratgy', 'combos[1].models', 'combos[1].strategy']),
    );
    const semantic = await importInto(a, { providers: [{ id: 'no-format-here' }] });
    expect(semantic.status).toBe(400);
    expect(semantic.json.error.param).toBe('providers[0]');
    const missing = await a.api('/api/import', body('POST', { dryRun: true }));
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as any).error.param).toBe('config');
    expect(await exportOf(a, '?secrets=true')).toEqual(before);
  });

  it('a reference the schema cannot check (a budget for a missing key) is refused and nothing of the document is written', async () => {
    const before = await exportOf(a, '?secrets=true');
    const r = await importInto(a, {
      combos: [{ name: 'half-written', models: ['myup/m-small'] }],
      budgets: [{ scope: 'key:nobody', period: 'day', limitUsd: 1 }],
    });
    expect(r.status).toBe(400);
    expect(r.json.error.param).toBe('budgets[0].scope');
    expect(await exportOf(a, '?secrets=true')).toEqual(before);
  });

  it('dryRun reports what would change and writes nothing', async () => {
    const before = await exportOf(a, '?secrets=true');
    const r = await importInto(
      a,
      {
        combos: [{ name: 'would-be', models: ['myup/m-small'] }],
        apiKeys: [{ name: 'would-be-key' }],
        settings: { bodyLimitMb: 9 },
      },
      true,
    );
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      dryRun: true,
      changes: ['combo would-be', 'api key would-be-key', 'setting bodyLimitMb'],
      generatedKeys: [],
    });
    expect(await exportOf(a, '?secrets=true')).toEqual(before);
    expect(a.core.runtime.settings.bodyLimitMb).toBe(8);
  });

  it('refuses to turn lanExposure on without a dashboard password', async () => {
    const r = await a.api('/api/import', body('POST', { config: { settings: { lanExposure: true } } }));
    expect(r.status).toBe(409);
    expect(a.core.runtime.settings.lanExposure).toBe(false);
  });
});

describe('backups', () => {
  it('takes a consistent SQLite snapshot that keeps secrets encrypted, lists and deletes it', async () => {
    const res = await a.api('/api/backups', { method: 'POST' });
    expect(res.status).toBe(201);
    const made = (await res.json()) as { name: string; bytes: number; createdAt: number };
    expect(made.name).toMatch(/^omniroute-\d{4}-\d\d-\d\dT[\d-]+Z\.db$/);
    expect(made.bytes).toBeGreaterThan(0);
    expect(Math.abs(made.createdAt - Date.now())).toBeLessThan(60_000);
    const file = path.join(a.dataDir, 'backups', made.name);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect((db.prepare('SELECT count(*) AS n FROM combos').get() as { n: number }).n).toBe(2);
      const sealed = (
        db.prepare("SELECT secret FROM connections WHERE name = 'main'").get() as { secret: string }
      ).secret;
      expect(sealed).toMatch(/^enc:v1:/);
    } finally {
      db.close();
    }
    expect(readFileSync(file).includes(Buffer.from(KEY_CANARY))).toBe(false);

    const second = (await (await a.api('/api/backups', { method: 'POST' })).json()) as { name: string };
    expect(second.name).not.toBe(made.name);
    const list = (await (await a.api('/api/backups')).json()) as Array<{ name: string }>;
    expect(list.map((b) => b.name)).toEqual(expect.arrayContaining([made.name, second.name]));

    for (const evil of ['..%2Fomniroute.db', '..%2F..%2Fetc%2Fpasswd', 'omniroute.db', '.omniroute-x.db']) {
      const r = await a.api(`/api/backups/${evil}`, { method: 'DELETE' });
      expect(r.status, evil).toBe(400);
    }
    expect(existsSync(path.join(a.dataDir, 'omniroute.db'))).toBe(true);
    expect((await a.api(`/api/backups/${made.name}`, { method: 'DELETE' })).status).toBe(200);
    expect(existsSync(file)).toBe(false);
    expect((await a.api(`/api/backups/${made.name}`, { method: 'DELETE' })).status).toBe(404);
  });
});
