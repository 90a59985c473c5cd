import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortInUseError } from '../../core/index.js';
import { startTestCore, tempDir, type TestCore } from '../helpers/core.js';

let t: TestCore;
// CLI tools read (and apply would write) coding tools' config files under the home directory.
const cliHome = tempDir('omniroute-cli-home-');
beforeAll(async () => {
  t = await startTestCore({ homeDir: cliHome });
});
afterAll(async () => {
  await t.close();
  rmSync(cliHome, { recursive: true, force: true });
});

const json = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body) });

describe('server basics', () => {
  it('answers /health with status, version, uptime and database state', async () => {
    const res = await fetch(`${t.url}/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ok', database: 'ok' });
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(typeof body.uptimeSeconds).toBe('number');
  });

  it('binds 127.0.0.1 by default', () => {
    expect(t.core.host).toBe('127.0.0.1');
    expect(t.core.runtime.exposed).toBe(false);
  });

  it('puts an X-Request-Id on every response and keeps a sane incoming one', async () => {
    const a = await fetch(`${t.url}/health`);
    expect(a.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const b = await fetch(`${t.url}/nope`, { headers: { 'x-request-id': 'trace-42' } });
    expect(b.headers.get('x-request-id')).toBe('trace-42');
    const c = await fetch(`${t.url}/health`, { headers: { 'x-request-id': 'bad id\twith spaces' } });
    expect(c.headers.get('x-request-id')).not.toContain(' ');
  });

  it('answers HEAD / (Claude Code probes it) and serves a dashboard page at /', async () => {
    expect((await fetch(`${t.url}/`, { method: 'HEAD' })).status).toBe(200);
    const page = await fetch(`${t.url}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('answers unknown /v1 routes with 404 in the caller format', async () => {
    const oa = await fetch(`${t.url}/v1/nothing`, json({}));
    expect(oa.status).toBe(404);
    expect(((await oa.json()) as any).error.type).toBe('not_found_error');
    const an = await fetch(`${t.url}/v1/messages/nothing`, json({}));
    expect(((await an.json()) as any).type).toBe('error');
    const ge = await fetch(`${t.url}/v1beta/nothing`, json({}));
    expect(((await ge.json()) as any).error.status).toBe('NOT_FOUND');
  });

  it('refuses a busy port with a message naming the port and the fix', async () => {
    const err = await startTestCore({ port: t.core.port }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortInUseError);
    expect((err as Error).message).toContain(`Port ${t.core.port} on 127.0.0.1 is already in use`);
    expect((err as Error).message).toContain('--port');
  });
});

describe('management API', () => {
  it('manages providers, connections, combos, keys and settings', async () => {
    const put = await t.api('/api/providers/myproxy', {
      method: 'PUT',
      body: JSON.stringify({ format: 'openai-chat', baseUrl: 'http://127.0.0.1:9/v1', models: ['m1'] }),
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({
      id: 'myproxy',
      formats: ['openai-chat'],
      configured: true,
      models: ['m1'],
    });

    const conn = await t.api(
      '/api/connections',
      json({ providerId: 'myproxy', name: 'main', apiKey: 'mp-secret-key-42424242' }),
    );
    expect(conn.status).toBe(201);
    const c = (await conn.json()) as Record<string, unknown>;
    expect(c).toMatchObject({ providerId: 'myproxy', name: 'main', hasSecret: true, secretHint: 'mp-…4242' });
    expect(JSON.stringify(c)).not.toContain('mp-secret-key');

    const dup = await t.api('/api/connections', json({ providerId: 'myproxy', name: 'main' }));
    expect(dup.status).toBe(409);

    const patched = await t.api(`/api/connections/${c.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ enabled: false, priority: 3 }),
    });
    expect(await patched.json()).toMatchObject({ enabled: false, priority: 3 });

    const combo = await t.api('/api/combos/cheap', {
      method: 'PUT',
      body: JSON.stringify({ models: ['myproxy/m1'] }),
    });
    expect(await combo.json()).toEqual({
      name: 'cheap',
      strategy: 'fill-first',
      models: ['myproxy/m1'],
      enabled: true,
      active: false,
    });

    const state = await t.api('/api/state/active-combo', {
      method: 'PUT',
      body: JSON.stringify({ combo: 'cheap' }),
    });
    expect(await state.json()).toEqual({ activeCombo: 'cheap' });
    expect(t.core.runtime.settings.activeCombo).toBe('cheap');

    const missing = await t.api('/api/state/active-combo', {
      method: 'PUT',
      body: JSON.stringify({ combo: 'ghost' }),
    });
    expect(missing.status).toBe(404);

    const models = (await (await fetch(`${t.url}/v1/models`)).json()) as { data: Array<{ id: string }> };
    expect(models.data.map((m) => m.id)).toEqual(expect.arrayContaining(['auto', 'cheap', 'myproxy/m1']));

    const settings = await t.api('/api/settings', {
      method: 'PATCH',
      body: JSON.stringify({ bodyLimitMb: 8 }),
    });
    expect(((await settings.json()) as { bodyLimitMb: number }).bodyLimitMb).toBe(8);
    const typo = await t.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ bodyLimitMB: 8 }) });
    expect(typo.status).toBe(400);

    const badJson = await t.api('/api/combos/x', { method: 'PUT', body: '{nope' });
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as any).error.message).toContain('not valid JSON');
  });

  it('lists models in Anthropic shape when the caller sends anthropic-version', async () => {
    const res = await fetch(`${t.url}/v1/models`, { headers: { 'anthropic-version': '2023-06-01' } });
    const body = (await res.json()) as any;
    expect(body.has_more).toBe(false);
    expect(body.data[0]).toMatchObject({ type: 'model' });
    expect(body.data[0].display_name).toBe(body.data[0].id);
  });

  it('creates a gateway key once, stores only its hash, rotates and revokes it', async () => {
    const res = await t.api('/api/keys', json({ name: 'laptop' }));
    expect(res.status).toBe(201);
    const { id, key } = (await res.json()) as { id: string; key: string };
    expect(key).toMatch(/^sk-omni-/);
    const list = await (await t.api('/api/keys')).text();
    expect(list).not.toContain(key);
    expect(list).not.toContain('hash');
    const rotated = (await (await t.api(`/api/keys/${id}/rotate`, { method: 'POST' })).json()) as {
      key: string;
    };
    expect(rotated.key).not.toBe(key);
    expect(t.core.runtime.findApiKey(key)).toBeUndefined();
    expect(t.core.runtime.findApiKey(rotated.key)?.id).toBe(id);
    expect((await t.api(`/api/keys/${id}`, { method: 'DELETE' })).status).toBe(200);
    expect(t.core.runtime.findApiKey(rotated.key)).toBeUndefined();
  });

  it('never writes a provider secret in plain text anywhere in the data directory', async () => {
    const secret = 'sk-plaintext-canary-7f3a9c1e5b';
    await t.api('/api/connections', json({ providerId: 'openai', name: 'canary', apiKey: secret }));
    await t.api('/api/providers/openai');
    t.core.runtime.store.db.pragma('wal_checkpoint(FULL)');
    const walk = (d: string): string[] =>
      readdirSync(d).flatMap((f) => {
        const p = path.join(d, f);
        return statSync(p).isDirectory() ? walk(p) : [p];
      });
    for (const f of walk(t.dataDir)) {
      expect(readFileSync(f).includes(Buffer.from(secret)), f).toBe(false);
    }
  });

  it('describes every management route in /api/openapi.json', async () => {
    const doc = (await (await fetch(`${t.url}/api/openapi.json`)).json()) as any;
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${p}`),
    );
    for (const expected of [
      'GET /api/providers',
      'PUT /api/providers/{id}',
      'POST /api/connections',
      'PATCH /api/connections/{id}',
      'PUT /api/combos/{name}',
      'POST /api/keys',
      'POST /api/keys/{id}/rotate',
      'PATCH /api/settings',
      'PUT /api/state/active-combo',
      'PUT /api/state/offline',
      'POST /api/auth/login',
      'GET /api/cli-tools',
      'POST /api/cli-tools/{id}/apply',
      'GET /api/budgets',
      'POST /api/budgets',
      'PUT /api/budgets/{id}',
      'DELETE /api/budgets/{id}',
      'GET /api/prices',
      'PUT /api/prices',
      'DELETE /api/prices',
      'GET /api/aliases',
      'PUT /api/aliases',
      'DELETE /api/aliases',
      'GET /api/export',
      'POST /api/import',
      'GET /api/backups',
      'POST /api/backups',
      'DELETE /api/backups/{name}',
    ]) {
      expect(documented).toContain(expected);
    }
    // And every documented route exists: calling it never answers the management 404.
    for (const entry of documented) {
      const [method, p] = entry.split(' ') as [string, string];
      const res = await t.api(p.replace(/\{[^}]+\}/g, 'x'), {
        method,
        ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{}' }),
      });
      if (res.headers.get('content-type')?.includes('text/event-stream')) {
        await res.body?.cancel();
        continue;
      }
      const text = await res.text();
      expect(text, entry).not.toContain('No management route');
    }
  });
});

describe('answers match their schemas', () => {
  // The dashboard's types are these schemas' outputs: an answer that drifts from its schema
  // would type-check in the dashboard and still break it.
  it('GET /health, /api/health, /api/quota and /api/strategies', async () => {
    const Api = await import('../../core/server/api/schemas.js');
    Api.HealthSummaryOut.parse(await (await fetch(`${t.url}/health`)).json());
    const health = Api.HealthOut.parse(await (await t.api('/api/health')).json());
    expect(health.storage.totalBytes).toBe(health.storage.fileBytes + health.storage.walBytes);
    Api.QuotaOut.parse(await (await t.api('/api/quota')).json());
    const strategies = Api.StrategiesOut.parse(await (await t.api('/api/strategies')).json());
    expect(strategies).toContain('fill-first');
  });
});

describe('unknown management routes', () => {
  it('name the method and path and point at the OpenAPI document; without a credential they are 401 first', async () => {
    for (const [method, p] of [
      ['GET', '/api/nope'],
      ['POST', '/api/combos'],
      ['DELETE', '/api/keys'],
    ] as const) {
      const r = await t.api(p, { method });
      expect(r.status, `${method} ${p}`).toBe(404);
      expect(((await r.json()) as any).error.message).toBe(
        `No management route ${method} ${p}. See /api/openapi.json.`,
      );
    }
    expect((await fetch(`${t.url}/api/nope`)).status).toBe(401);
  });
});

describe('authentication', () => {
  it('nothing on /api works without a credential, even from this machine with no password set', async () => {
    for (const p of ['/api/keys', '/api/providers', '/api/export', '/api/settings'])
      expect((await fetch(`${t.url}${p}`)).status, p).toBe(401);
    expect((await fetch(`${t.url}/api/keys`, json({ name: 'minted-by-anyone' }))).status).toBe(401);
    const status = (await (await fetch(`${t.url}/api/auth/status`)).json()) as any;
    expect(status).toMatchObject({ loginRequired: true, passwordSet: false, authenticated: false });
    // A wrong admin token is no better.
    expect((await fetch(`${t.url}/api/keys`, { headers: { authorization: 'Bearer nope' } })).status).toBe(
      401,
    );
  });

  it('a one-time link signs a browser in; the session cookie is refused to foreign origins and rebound names', async () => {
    const link = t.core.dashboardLink();
    expect(link).toMatch(new RegExp(`^${t.url}/auth/link\\?token=[\\w-]{40,}$`));
    const first = await fetch(link, { redirect: 'manual' });
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const session = cookie.split(';')[0]!;
    expect((await fetch(`${t.url}/api/keys`, { headers: { cookie: session } })).status).toBe(200);
    const status = (await (
      await fetch(`${t.url}/api/auth/status`, { headers: { cookie: session } })
    ).json()) as any;
    expect(status.authenticated).toBe(true);
    // Used once: a second visit signs nobody in.
    const again = await fetch(link, { redirect: 'manual' });
    expect(again.headers.get('location')).toBe('/?signin=link-used');
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(
      (await fetch(`${t.url}/auth/link?token=made-up`, { redirect: 'manual' })).headers.get('set-cookie'),
    ).toBeNull();

    const cross = await fetch(`${t.url}/api/keys`, {
      headers: { cookie: session, origin: 'https://evil.example' },
    });
    expect(cross.status).toBe(403);
    const siteHeader = await fetch(`${t.url}/api/keys`, {
      headers: { cookie: session, 'sec-fetch-site': 'cross-site' },
    });
    expect(siteHeader.status).toBe(403);
    expect(await rawGet(t.core.port, '/api/keys', { host: 'attacker.example:20128', cookie: session })).toBe(
      403,
    );
    expect(
      await rawGet(t.core.port, '/api/keys', { host: `localhost:${t.core.port}`, cookie: session }),
    ).toBe(200);

    // The CLI's way to a new link: the admin token asks for one.
    const minted = (await (await t.api('/api/auth/link', { method: 'POST' })).json()) as { url: string };
    expect(minted.url).toMatch(/\/auth\/link\?token=/);
    expect((await fetch(minted.url, { redirect: 'manual' })).headers.get('set-cookie')).toContain(
      'omniroute_session=',
    );
    expect((await fetch(`${t.url}/api/auth/link`, { method: 'POST' })).status).toBe(401);
  });

  it('the admin token signs the dashboard in too', async () => {
    const bad = await fetch(`${t.url}/api/auth/login`, json({ token: 'not-it' }));
    expect(bad.status).toBe(401);
    const good = await fetch(`${t.url}/api/auth/login`, {
      ...json({ token: t.adminToken }),
      headers: { 'content-type': 'application/json' },
    });
    expect(good.status).toBe(200);
    const session = good.headers.get('set-cookie')!.split(';')[0]!;
    expect((await fetch(`${t.url}/api/keys`, { headers: { cookie: session } })).status).toBe(200);
  });

  it('with a password set: password logins work, the admin token always works', async () => {
    const set = await t.api('/api/auth/password', {
      method: 'PUT',
      body: JSON.stringify({ password: 'correct horse battery' }),
    });
    expect(set.status).toBe(200);
    try {
      expect((await fetch(`${t.url}/api/keys`)).status).toBe(401);
      expect((await t.api('/api/keys')).status).toBe(200);
      const status = (await (await fetch(`${t.url}/api/auth/status`)).json()) as any;
      expect(status).toMatchObject({ loginRequired: true, passwordSet: true, authenticated: false });
      const bad = await fetch(`${t.url}/api/auth/login`, json({ password: 'nope' }));
      expect(bad.status).toBe(401);
      const good = await fetch(`${t.url}/api/auth/login`, {
        ...json({ password: 'correct horse battery' }),
        headers: { 'content-type': 'application/json' },
      });
      expect(good.status).toBe(200);
      const session = good.headers.get('set-cookie')!.split(';')[0]!;
      expect((await fetch(`${t.url}/api/keys`, { headers: { cookie: session } })).status).toBe(200);
    } finally {
      await t.api('/api/auth/password', {
        method: 'PUT',
        body: JSON.stringify({ password: null, current: 'correct horse battery' }),
      });
    }
    // Removing the password does not open the API.
    expect((await fetch(`${t.url}/api/keys`)).status).toBe(401);
  });

  it('checks gateway keys on /v1 when requireApiKey is on, in the caller format', async () => {
    const { key } = (await (await t.api('/api/keys', json({ name: 'gw' }))).json()) as { key: string };
    await t.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ requireApiKey: true }) });
    try {
      const none = await fetch(`${t.url}/v1/models`);
      expect(none.status).toBe(401);
      expect(((await none.json()) as any).error.type).toBe('authentication_error');
      const anth = await fetch(`${t.url}/v1/messages`, {
        method: 'POST',
        body: '{}',
        headers: { 'x-api-key': 'wrong' },
      });
      expect(anth.status).toBe(401);
      expect(await anth.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
      const gem = await fetch(`${t.url}/v1beta/models?key=wrong`);
      expect(((await gem.json()) as any).error.status).toBe('UNAUTHENTICATED');
      const variants: Array<Record<string, string>> = [
        { authorization: `Bearer ${key}` },
        { 'x-api-key': key },
        { 'x-goog-api-key': key },
      ];
      for (const headers of variants) {
        expect((await fetch(`${t.url}/v1/models`, { headers })).status).toBe(200);
      }
      expect((await fetch(`${t.url}/v1beta/models?key=${key}`)).status).toBe(200);
      // A gateway key is not a management credential.
      expect((await fetch(`${t.url}/api/keys`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(
        401,
      );
    } finally {
      await t.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ requireApiKey: false }) });
    }
  });
});

describe('login throttling', () => {
  it('slows failed password and admin-token attempts per address: 429 with Retry-After, even for the right one, then it works again', async () => {
    const c = await startTestCore();
    try {
      await c.api('/api/auth/password', {
        method: 'PUT',
        body: JSON.stringify({ password: 'the right one' }),
      });
      const login = (password: string) =>
        fetch(`${c.url}/api/auth/login`, {
          method: 'POST',
          body: JSON.stringify({ password }),
          headers: { 'content-type': 'application/json' },
        });
      const started = Date.now();
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await login(`guess ${i}`)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401]);
      // The fifth failure started a wait: nothing is even checked until it is over.
      const locked = await login('the right one');
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await locked.json()) as any).error.message).toContain('Too many failed');
      const bearer = await fetch(`${c.url}/api/keys`, { headers: { authorization: 'Bearer guess' } });
      expect(bearer.status).toBe(429);
      // 343 guesses in 8 s was the finding: now a handful.
      let answered = 0;
      while (Date.now() - started < 3000) {
        const r = await login('another guess');
        if (r.status === 401) answered++;
        await new Promise((res) => setTimeout(res, 50));
      }
      expect(answered).toBeLessThanOrEqual(2);
      // Waiting it out, the right password works and clears the count.
      const wait = Number((await login('x')).headers.get('retry-after') ?? 0);
      await new Promise((res) => setTimeout(res, wait * 1000 + 100));
      expect((await login('the right one')).status).toBe(200);
      expect((await login('one typo')).status).toBe(401);
      expect((await login('the right one')).status).toBe(200);
    } finally {
      await c.close();
    }
  }, 20_000);
});

describe('exposed beyond loopback', () => {
  it('requires gateway keys and a dashboard login when bound to all interfaces', async () => {
    const free = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const exposed = await startTestCore({ host: '0.0.0.0', port: free });
    try {
      expect(exposed.core.runtime.apiKeyRequired).toBe(true);
      const url = `http://127.0.0.1:${exposed.core.port}`;
      expect((await fetch(`${url}/v1/models`)).status).toBe(401);
      expect((await fetch(`${url}/api/keys`)).status).toBe(401);
      expect((await exposed.api('/api/keys')).status).toBe(200);
    } finally {
      await exposed.close();
    }
  });
});

function rawGet(port: number, p: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: p, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('dashboard assets', () => {
  it('serves the built dashboard gzipped when the browser accepts it', async () => {
    const { findDashboardDir } = await import('../../core/server/dashboard.js');
    const dir = findDashboardDir();
    if (!dir) return expect(dir, 'dashboard not built (npm test builds it in globalSetup)').toBeDefined();
    const page = await fetch(`${t.url}/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(page.headers.get('content-encoding')).toBe('gzip');
    const html = await page.text(); // fetch decompresses
    const script = html.match(/src="\.?\/?(assets\/[^"]+\.js)"/)?.[1];
    expect(script, html.slice(0, 400)).toBeDefined();
    const js = await fetch(`${t.url}/${script}`, { headers: { 'accept-encoding': 'identity' } });
    expect(js.headers.get('content-encoding')).toBeNull();
    expect(js.headers.get('cache-control')).toContain('immutable');
  });
});
