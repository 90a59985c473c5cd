import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/core.js';
import { spawnNode } from '../helpers/spawn.js';
import { startReplayUpstream } from '../helpers/replay-upstream.js';

const CLI = 'bin/omniroute.mjs';

async function waitHealthy(url: string, deadlineMs: number): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < deadlineMs) {
    try {
      const r = await fetch(`${url}/health`);
      if (r.ok) return performance.now() - start;
    } catch {}
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no /health within ${deadlineMs} ms`);
}

describe('omniroute serve', () => {
  it('prints the endpoint and dashboard URLs and answers /health within 2 s of starting', async () => {
    const dir = tempDir();
    const started = performance.now();
    const p = spawnNode([CLI, 'serve', '--port', '0', '--data-dir', dir, '--log-level', 'warn']);
    const [, url] = await p.waitFor(/Endpoint:\s+(http:\/\/127\.0\.0\.1:\d+)\/v1/);
    await waitHealthy(url!, 2000);
    expect(performance.now() - started).toBeLessThan(2000);
    // The printed Dashboard line is a one-time sign-in link.
    const link = p.output().match(/Dashboard:\s+(http:\/\/127\.0\.0\.1:\d+\/auth\/link\?token=\S+)/)?.[1];
    expect(link, p.output()).toBeDefined();
    expect((await fetch(`${url}/api/keys`)).status).toBe(401);
    const signIn = await fetch(link!, { redirect: 'manual' });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    expect((await fetch(`${url}/api/keys`, { headers: { cookie } })).status).toBe(200);
    // `omniroute dashboard` asks the running gateway for a new one.
    const again = spawnNode([CLI, 'dashboard', '--port', new URL(url!).port, '--data-dir', dir]);
    const [, fresh] = await again.waitFor(/(http:\/\/127\.0\.0\.1:\d+\/auth\/link\?token=\S+)/);
    expect(fresh).not.toBe(link);
    expect(await again.exited).toEqual({ code: 0, signal: null });
    expect((await fetch(fresh!, { redirect: 'manual' })).headers.get('set-cookie')).toContain(
      'omniroute_session=',
    );
    p.child.kill('SIGTERM');
    expect(await p.exited).toEqual({ code: 0, signal: null });
    expect(p.output()).toContain('stopped cleanly');
  });

  it('applies a config file at start; a second start with the same file changes nothing', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'omniroute.yaml');
    writeFileSync(
      file,
      'providers:\n  - id: openai\n    accounts:\n      - apiKey: ${OPENAI_KEY}\ncombos:\n  - name: main\n    models: [openai/gpt-4.1]\napiKeys:\n  - name: ci\n    key: sk-ci-key-for-tests-000000\nsettings:\n  requireApiKey: true\n',
    );
    for (const expected of [
      /config applied: provider openai, account openai\/account-1, combo main, api key ci, setting requireApiKey/,
      /config applied: no changes/,
    ]) {
      const p = spawnNode([CLI, 'serve', '--port', '0', '--data-dir', dir, '--config', file], {
        OPENAI_KEY: 'sk-openai-from-env-1234',
      });
      const [, url] = await p.waitFor(/Endpoint:\s+(http:\/\/127\.0\.0\.1:\d+)\/v1/);
      expect(p.output()).toMatch(expected);
      const denied = await fetch(`${url}/v1/models`);
      expect(denied.status).toBe(401);
      const ok = await fetch(`${url}/v1/models`, {
        headers: { authorization: 'Bearer sk-ci-key-for-tests-000000' },
      });
      expect(((await ok.json()) as { data: Array<{ id: string }> }).data.map((m) => m.id)).toContain('main');
      p.child.kill('SIGINT');
      expect((await p.exited).code).toBe(0);
    }
  });

  it('refuses a broken config with the key and the line, and changes nothing', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, 'combos:\n  - name: x\n    models: [a/b]\n    stratgy: random\n');
    const p = spawnNode([CLI, 'serve', '--port', '0', '--data-dir', dir, '--config', file]);
    const { code } = await p.exited;
    expect(code).toBe(1);
    expect(p.output()).toContain('line 4: combos[0].stratgy: unknown key "stratgy"');
  });

  it('logs every gateway request of the bundled CLI by a clean stop', async () => {
    const up = await startReplayUpstream();
    try {
      const dir = tempDir();
      const file = path.join(dir, 'omniroute.yaml');
      writeFileSync(
        file,
        `providers:\n  - id: up\n    format: openai-chat\n    baseUrl: ${up.baseUrl('openai-chat')}\n    accounts:\n      - apiKey: k1\n`,
      );
      const p = spawnNode([CLI, 'serve', '--port', '0', '--data-dir', dir, '--config', file]);
      const [, url] = await p.waitFor(/Endpoint:\s+(http:\/\/127\.0\.0\.1:\d+)\/v1/);
      for (let i = 0; i < 3; i++) {
        up.queue({ kind: 'fixture', file: 'openai-chat/openai-text.json' });
        const r = await fetch(`${url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'up/gpt-4.1-nano', messages: [{ role: 'user', content: 'hi' }] }),
        });
        expect(r.status).toBe(200);
        await r.arrayBuffer();
      }
      p.child.kill('SIGTERM');
      expect((await p.exited).code).toBe(0);
      expect(p.output()).not.toContain('request log:'); // no rows lost
      const db = new Database(path.join(dir, 'omniroute.db'), { readonly: true });
      expect((db.prepare('SELECT COUNT(*) AS n FROM request_log').get() as { n: number }).n).toBe(3);
      db.close();
    } finally {
      await up.close();
    }
  });

  it('names the port and the fix when the port is taken', async () => {
    const dir = tempDir();
    const a = spawnNode([CLI, 'serve', '--port', '0', '--data-dir', dir]);
    const [, port] = await a.waitFor(/Endpoint:\s+http:\/\/127\.0\.0\.1:(\d+)\/v1/);
    const b = spawnNode([CLI, 'serve', '--port', port!, '--data-dir', tempDir()]);
    expect((await b.exited).code).toBe(1);
    expect(b.output()).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    expect(b.output()).toContain('--port');
    a.child.kill('SIGTERM');
    await a.exited;
  });

  it('survives SIGKILL in the middle of writes: the database passes integrity_check with every committed change', async () => {
    const dir = tempDir();
    const p = spawnNode([CLI, 'serve', '--port', '0', '--data-dir', dir, '--log-level', 'error']);
    const [, url] = await p.waitFor(/Endpoint:\s+(http:\/\/127\.0\.0\.1:\d+)\/v1/);
    const token = (await import('node:fs')).readFileSync(path.join(dir, 'admin.token'), 'utf8').trim();
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const name = `c${w}-${i}`;
        try {
          const r = await fetch(`${url}/api/combos/${name}`, {
            method: 'PUT',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ models: [`openai/m${i}`], strategy: 'round-robin' }),
          });
          if (r.status === 200) acknowledged.push(name);
        } catch {
          return;
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    // Killed once writes are flowing (a count, not a fixed time: a busy machine acknowledges
    // fewer writes in any given while), with the writers still sending.
    const deadline = Date.now() + 20_000;
    while (acknowledged.length < 25 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    p.child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    expect((await p.exited).signal).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThan(20);
    const db = new Database(path.join(dir, 'omniroute.db'));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = new Set(
      (db.prepare('SELECT name FROM combos').all() as Array<{ name: string }>).map((r) => r.name),
    );
    const lost = acknowledged.filter((n) => !stored.has(n));
    expect(lost).toEqual([]);
    db.close();
  });
});

describe('npm start without an Electron binary', () => {
  it('runs the gateway and dashboard headless and says in one line why there is no window', async () => {
    const dir = tempDir();
    const p = spawnNode(['scripts/start.mjs', '--port', '0', '--data-dir', dir], { OMNIROUTE_HEADLESS: '' });
    const [, url] = await p.waitFor(/Endpoint:\s+(http:\/\/127\.0\.0\.1:\d+)\/v1/, 60_000);
    await p.waitFor(/No window:\s+.+running headless\./);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect((await fetch(`${url}/`)).headers.get('content-type')).toContain('text/html');
    p.child.kill('SIGTERM');
    await p.exited;
  }, 90_000);
});
