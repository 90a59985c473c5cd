// The request log cannot fill the disk, over real HTTP: an upstream echoing a huge prompt in its
// errors, a /api/logs page bounded by bytes with a next page that loses nothing, rows written
// before the caps read back capped, the database size on /api/health, and retention wired to
// the settings.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../core/store/database.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { startReplayUpstream, type ReplayUpstream } from '../helpers/replay-upstream.js';

const MB = 1024 * 1024;
const DAY = 86_400_000;
let t: TestCore;
let up: ReplayUpstream;

const dbBytes = () => {
  const f = path.join(t.dataDir, DB_FILE);
  return statSync(f).size + (existsSync(`${f}-wal`) ? statSync(`${f}-wal`).size : 0);
};
const patch = async (settings: Record<string, unknown>) => {
  const r = await t.api('/api/settings', { method: 'PATCH', body: JSON.stringify(settings) });
  expect(r.status).toBe(200);
};
const store = () => t.core.runtime.store;
const record = (id: string, ts: number, over: Record<string, unknown> = {}) =>
  store().requestLog.record({
    id,
    ts,
    callerFormat: 'openai-chat',
    attempts: 1,
    status: 200,
    stream: false,
    ...over,
  });

beforeAll(async () => {
  up = await startReplayUpstream();
  t = await startTestCore();
  for (const id of ['echo-a', 'echo-b'])
    await t.addProvider(
      id,
      { format: 'openai-chat', baseUrl: up.baseUrl('openai-chat') },
      { name: 'k', apiKey: `key-${id}` },
    );
  await t.api('/api/combos/echoes', {
    method: 'PUT',
    body: JSON.stringify({ models: ['echo-a/gpt', 'echo-b/gpt'] }),
  });
});
afterAll(async () => {
  await t?.close();
  await up?.close();
});

describe('request log size', () => {
  it('five requests whose upstreams echo a 4 MB prompt in their errors add well under 2 MB', async () => {
    await patch({ debugLogging: true });
    const prompt = 'p'.repeat(4 * MB);
    await t.api('/api/logs'); // flushes what is queued
    const before = dbBytes();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const echo = {
        kind: 'error' as const,
        status: 503,
        body: { error: { message: `overloaded: ${prompt}` } },
      };
      up.queue(echo, echo);
      const res = await fetch(`${t.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'echoes', messages: [{ role: 'user', content: prompt }] }),
      });
      await res.arrayBuffer();
      expect(res.status).toBe(503);
      ids.push(res.headers.get('x-request-id')!);
    }
    await patch({ debugLogging: false });
    const page = (await (await t.api('/api/logs?limit=5')).json()) as any;
    // Before the caps: ~8 MB per request (the error in the row and in both attempts, the body).
    expect(dbBytes() - before).toBeLessThan(2 * MB);
    expect(page.items.map((i: any) => i.id)).toEqual([...ids].reverse());
    const error = page.items[0].error as string;
    expect(error).toMatch(/…\[truncated: \d+ chars total\]$/);
    expect(error.length).toBeLessThan(4100);

    const detail = (await (await t.api(`/api/logs/${ids[0]}`)).json()) as any;
    expect(detail.attemptsDetail.map((a: any) => a.error.length < 4100)).toEqual([true, true]);
    expect(detail.requestBody).toMatch(/…\[truncated: \d+ bytes total\]$/);
    expect(detail.requestBody.length).toBeLessThanOrEqual(256 * 1024 + 40);
  });

  it('bounds a /api/logs page by bytes as well as rows, and its next page continues without a gap', async () => {
    await patch({ logErrorMaxChars: 100_000 });
    const base = Date.now() - 3_600_000;
    // 40 rows of ~100 KB, three to a millisecond: a 2 MB page (~20 rows) ends inside one.
    const mine = Array.from({ length: 40 }, (_, i) => `page-${String(i).padStart(2, '0')}`);
    mine.forEach((id, i) =>
      record(id, base + Math.floor(i / 3), { error: `${id} `.padEnd(100_000, 'x'), providerId: 'pager' }),
    );
    let next: string | null = '/api/logs?provider=pager&limit=500';
    const seen: string[] = [];
    let pages = 0;
    let splitMs = false;
    let lastTs: number | undefined;
    while (next) {
      const res = await t.api(next);
      const text = await res.text();
      expect(text.length).toBeLessThanOrEqual(2 * MB);
      const body = JSON.parse(text) as any;
      pages++;
      if (body.next) {
        expect(body.truncated).toBe(true);
        expect(body.maxBytes).toBe(2 * MB);
        expect(body.nextBefore).toBe(body.items.at(-1).ts);
        expect(body.nextBeforeId).toBe(body.items.at(-1).id);
      }
      if (lastTs === body.items[0]?.ts) splitMs = true;
      lastTs = body.items.at(-1)?.ts;
      seen.push(...body.items.map((i: any) => i.id));
      next = body.next;
    }
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(splitMs).toBe(true); // a page ended inside a millisecond, and the next one went on from there
    expect(seen).toEqual([...mine].reverse());
    await patch({ logErrorMaxChars: 4000 });
  });

  it('reads rows written before the caps back capped, in the list, the detail and by id', async () => {
    store().requestLog.flush();
    const huge = 'h'.repeat(6 * MB);
    const attempt = { providerId: 'old', upstreamModel: 'gpt', step: 'old/gpt', status: 500, latencyMs: 1 };
    store()
      .db.prepare(
        `INSERT INTO request_log (id, ts, caller_format, requested_model, provider_id, attempts, status, error, detail)
         VALUES ('legacy', ?, 'openai-chat', ?, 'old', 2, 500, ?, ?)`,
      )
      .run(
        Date.now() - 1000,
        'm'.repeat(MB),
        huge,
        JSON.stringify({
          steps: ['old/gpt'],
          attempts: [
            { ...attempt, error: huge },
            { ...attempt, error: 'short' },
          ],
          requestBody: huge,
        }),
      );
    const list = await (await t.api('/api/logs?provider=old')).text();
    expect(list.length).toBeLessThan(20_000);
    const row = (JSON.parse(list) as any).items[0];
    expect(row.error).toBe(`${'h'.repeat(4000)}…[truncated: ${6 * MB} chars total]`);
    expect(row.requestedModel).toBe(`${'m'.repeat(512)}…[truncated: ${MB} chars total]`);

    const res = await t.api('/api/logs/legacy');
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text.length).toBeLessThan(300 * 1024);
    const detail = JSON.parse(text) as any;
    expect(detail.route.steps).toEqual(['old/gpt']);
    expect(detail.attemptsDetail[0].error).toMatch(/^h{4000}…\[truncated: /);
    expect(detail.attemptsDetail[1].error).toBe('short');
    expect(detail.requestBody).toMatch(/…\[truncated: \d+ (chars|bytes) total\]$/);
  });

  it('shows the database size, rows and oldest row on /api/health', async () => {
    store().requestLog.flush();
    const oldest = store().db.prepare('SELECT MIN(ts) AS ts, COUNT(*) AS n FROM request_log').get() as {
      ts: number;
      n: number;
    };
    const health = (await (await t.api('/api/health')).json()) as any;
    expect(health.storage).toMatchObject({
      logRows: oldest.n,
      oldestLogTs: oldest.ts,
      maxBytes: 1024 * MB,
      retentionDays: 30,
    });
    expect(health.storage.totalBytes).toBe(health.storage.fileBytes + health.storage.walBytes);
    expect(Math.abs(health.storage.totalBytes - dbBytes())).toBeLessThan(MB);
    expect(health.storage.totalBytes).toBeGreaterThan(0);
  });

  it('prunes in the background as soon as logRetentionDays is lowered', async () => {
    record('stale', Date.now() - 20 * DAY, { status: 500, error: 'old failure' });
    store().requestLog.flush();
    await patch({ logRetentionDays: 10 });
    await expect
      .poll(async () => {
        const page = (await (await t.api('/api/logs?limit=500')).json()) as any;
        return page.items.some((i: any) => i.id === 'stale');
      })
      .toBe(false);
    const health = (await (await t.api('/api/health')).json()) as any;
    expect(health.storage.lastPrune).toMatchObject({ deletedByAge: 1 });
    expect(health.storage.retentionDays).toBe(10);
  });
});
