// Request-log retention (issue: "the request log cannot fill the disk", part 2): rows older than
// logRetentionDays go, the oldest go when the database passes logMaxDbMb and the file shrinks,
// each step a short statement with the event loop free in between. Driven with an injected
// clock and interval, never by waiting ten minutes.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE, openDatabase } from '../../core/store/database.js';
import type { Db } from '../../core/store/db.js';
import { LogRetention, type PruneReport } from '../../core/store/log-retention.js';
import { RequestLogWriter, type RequestLogEntry } from '../../core/store/request-log.js';
import { Store } from '../../core/store/index.js';
import { tempDir } from '../helpers/core.js';

const DAY = 86_400_000;
const MB = 1024 * 1024;
const NOW = Date.UTC(2026, 0, 31, 12);

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

function setup() {
  const dir = tempDir();
  const db = openDatabase(dir);
  open.push(db);
  const writer = new RequestLogWriter(db);
  const add = (id: string, ts: number, over: Partial<RequestLogEntry> = {}) =>
    writer.record({ id, ts, callerFormat: 'openai-chat', attempts: 1, status: 200, stream: false, ...over });
  const ids = () =>
    (db.prepare('SELECT id FROM request_log ORDER BY ts, id').all() as Array<{ id: string }>).map(
      (r) => r.id,
    );
  const size = () => {
    const f = path.join(dir, DB_FILE);
    return statSync(f).size + (existsSync(`${f}-wal`) ? statSync(`${f}-wal`).size : 0);
  };
  return { dir, db, writer, add, ids, size };
}

describe('request log retention', () => {
  it('opens new databases with incremental auto-vacuum, and rewrites an older one once', () => {
    const { db } = setup();
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);

    // A database made before this change: auto_vacuum NONE.
    const dir = tempDir();
    const old = new Database(path.join(dir, DB_FILE));
    old.exec('CREATE TABLE leftover (a TEXT)');
    expect(old.pragma('auto_vacuum', { simple: true })).toBe(0);
    old.close();
    const said: string[] = [];
    const reopened = openDatabase(dir, { onCompact: (m) => said.push(m) });
    open.push(reopened);
    expect(reopened.pragma('auto_vacuum', { simple: true })).toBe(2);
    expect(said).toEqual([expect.stringMatching(/rewriting the database once/)]);
  });

  it('deletes rows older than logRetentionDays; rows a budget or quota still counts keep only their numbers', async () => {
    const { db, writer, add, ids } = setup();
    add('ancient', NOW - 90 * DAY, { costUsd: 1, connectionId: 'c', error: 'old' });
    add('counted-cost', NOW - 20 * DAY, {
      costUsd: 0.5,
      error: 'x',
      detail: { steps: [], attempts: [], requestBody: '{}' },
    });
    add('counted-quota', NOW - 15 * DAY, { connectionId: 'c', inputTokens: 10 });
    add('failed', NOW - 15 * DAY, { status: 500, error: 'boom', connectionId: 'c' });
    add('recent', NOW - 2 * DAY, { error: 'kept', costUsd: 0 });
    writer.flush();
    const retention = new LogRetention(db, path.dirname(db.name), { now: () => NOW });
    const r = await retention.run({ logRetentionDays: 7, logMaxDbMb: 0 });
    expect(ids()).toEqual(['counted-cost', 'counted-quota', 'recent']);
    expect(r).toMatchObject({ deletedByAge: 2, slimmed: 1, deletedBySize: 0 });
    const rows = db.prepare('SELECT id, error, detail, cost_usd AS usd FROM request_log ORDER BY ts').all();
    expect(rows).toEqual([
      { id: 'counted-cost', error: null, detail: null, usd: 0.5 },
      { id: 'counted-quota', error: null, detail: null, usd: null },
      { id: 'recent', error: 'kept', detail: null, usd: 0 },
    ]);
    // A second run has nothing left to do; 0 days keeps everything.
    expect(await retention.run({ logRetentionDays: 7, logMaxDbMb: 0 })).toMatchObject({
      deletedByAge: 0,
      slimmed: 0,
    });
    expect(await retention.run({ logRetentionDays: 0, logMaxDbMb: 0 })).toMatchObject({ deletedByAge: 0 });
    expect(ids()).toHaveLength(3);
  });

  it('deletes in short batches with the event loop free between them', async () => {
    const { db, writer, add, ids } = setup();
    for (let i = 0; i < 1000; i++) add(`old${i}`, NOW - 100 * DAY + i);
    add('new', NOW);
    writer.flush();
    let pauses = 0;
    const retention = new LogRetention(db, path.dirname(db.name), {
      now: () => NOW,
      batchRows: 64,
      maxBatchRows: 64,
      pause: async () => {
        pauses++;
        await new Promise<void>((r) => setImmediate(r));
      },
    });
    const r = await retention.run({ logRetentionDays: 30, logMaxDbMb: 0 });
    expect(r?.deletedByAge).toBe(1000);
    expect(pauses).toBeGreaterThanOrEqual(Math.ceil(1000 / 64));
    expect(ids()).toEqual(['new']);
  });

  it('keeps the database under logMaxDbMb: the oldest rows go and the file shrinks', async () => {
    const { db, writer, add, ids, size, dir } = setup();
    writer.setLimits({ bodyMaxBytes: 10 * MB, errorMaxChars: 100_000 });
    // 12 MB of rows (100 KB each, the error text in the row), all young.
    for (let i = 0; i < 120; i++)
      add(`r${String(i).padStart(3, '0')}`, NOW - 120_000 + i * 1000, { error: 'e'.repeat(100_000) });
    writer.flush();
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(size()).toBeGreaterThan(11 * MB);
    const retention = new LogRetention(db, dir, { now: () => NOW });
    const r = (await retention.run({ logRetentionDays: 30, logMaxDbMb: 4 })) as PruneReport;
    expect(size()).toBeLessThanOrEqual(4 * MB);
    expect(r.bytesAfter).toBe(size());
    expect(r.deletedBySize).toBeGreaterThan(80);
    const left = ids();
    // What is left is the newest rows, in one piece.
    expect(left.at(-1)).toBe('r119');
    expect(left).toEqual(
      Array.from({ length: left.length }, (_, i) => `r${String(120 - left.length + i).padStart(3, '0')}`),
    );
    expect(retention.stats()).toMatchObject({ logRows: left.length, totalBytes: size() });
  });

  it('reports the file, WAL, rows and oldest row', async () => {
    const { db, add, writer, dir, size } = setup();
    const retention = new LogRetention(db, dir, { now: () => NOW });
    expect(retention.stats()).toMatchObject({ logRows: 0, oldestLogTs: null });
    add('a', NOW - 5 * DAY);
    add('b', NOW - DAY);
    writer.flush();
    const later = new LogRetention(db, dir, { now: () => NOW });
    const s = later.stats();
    expect(s).toMatchObject({ logRows: 2, oldestLogTs: NOW - 5 * DAY });
    expect(s.totalBytes).toBe(s.fileBytes + s.walBytes);
    expect(s.totalBytes).toBe(size());
  });

  it('runs from a timer at start and on every interval until stopped, and stops with the store', async () => {
    const dir = tempDir();
    const store = new Store({ dataDir: dir });
    let now = NOW;
    // The store's own pruner, with the test's clock.
    const retention = new LogRetention(store.db, dir, { now: () => now });
    const reports: PruneReport[] = [];
    store.requestLog.record({
      id: 'a',
      ts: NOW - 40 * DAY,
      callerFormat: 'openai-chat',
      attempts: 1,
      status: 200,
      stream: false,
    });
    store.requestLog.flush();
    retention.start(() => ({ logRetentionDays: 30, logMaxDbMb: 0 }), {
      firstDelayMs: 0,
      intervalMs: 20,
      onPruned: (r) => reports.push(r),
    });
    await expect.poll(() => reports.length).toBe(1);
    expect(reports[0]).toMatchObject({ deletedByAge: 1 });
    // Ten simulated days later a row written now is old enough; the next tick takes it.
    store.requestLog.record({
      id: 'b',
      ts: NOW - 25 * DAY,
      callerFormat: 'openai-chat',
      attempts: 1,
      status: 200,
      stream: false,
    });
    store.requestLog.flush();
    now = NOW + 10 * DAY;
    await expect.poll(() => reports.length).toBe(2);
    retention.stop();
    store.requestLog.record({
      id: 'c',
      ts: NOW - 100 * DAY,
      callerFormat: 'openai-chat',
      attempts: 1,
      status: 200,
      stream: false,
    });
    store.requestLog.flush();
    await new Promise((r) => setTimeout(r, 100));
    expect(reports).toHaveLength(2);

    // The store's pruner is stopped by close(): no timer fires on a closed database.
    store.logRetention.start(() => ({ logRetentionDays: 1, logMaxDbMb: 1 }), {
      firstDelayMs: 10,
      intervalMs: 10,
    });
    store.close();
    await new Promise((r) => setTimeout(r, 60));
    expect(store.db.open).toBe(false);
  });
});
