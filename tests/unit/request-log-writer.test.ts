import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, DB_FILE } from '../../core/store/database.js';
import { Store } from '../../core/store/index.js';
import { RequestLogWriter, type RequestLogEntry } from '../../core/store/request-log.js';
import { tempDir } from '../helpers/core.js';

const open: Array<{ close(): void }> = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

const entry = (i: number, over: Partial<RequestLogEntry> = {}): RequestLogEntry => ({
  id: `r${i}`,
  ts: 1_000 + i,
  callerFormat: 'openai-chat',
  attempts: 1,
  status: 200,
  stream: false,
  ...over,
});

/** What another connection sees: the writer's rows are in the file, not just in a queue. */
const countIn = (dir: string) => {
  const db = new Database(path.join(dir, DB_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM request_log').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

function writer(dir: string, opts: ConstructorParameters<typeof RequestLogWriter>[1] = {}) {
  const db = openDatabase(dir);
  const w = new RequestLogWriter(db, { thread: { file: path.join(dir, DB_FILE) }, ...opts });
  open.push({ close: () => (w.close(), db.close()) });
  return w;
}

describe('request log writer thread', () => {
  it('writes from its own thread, and flush() returns only once every row is in the file', () => {
    const dir = tempDir();
    const w = writer(dir);
    for (let i = 0; i < 300; i++) w.record(entry(i)); // past one batch: the first is already shipped
    expect(w.mode).toBe('thread');
    expect(w.pending).toBe(300 - 256);
    w.flush();
    expect(countIn(dir)).toBe(300);
    expect(w.mode).toBe('thread'); // not taken over after a wait
    w.record(entry(300));
    w.flush();
    expect(countIn(dir)).toBe(301);
  });

  it('writes the good rows of a batch that holds a bad one, and says how many it lost', () => {
    const dir = tempDir();
    const errors: string[] = [];
    const w = writer(dir, { onError: (m) => errors.push(m) });
    w.record(entry(1));
    w.record(entry(2, { requestedModel: {} as unknown as string })); // SQLite can't bind an object
    w.record(entry(3));
    w.flush();
    expect(countIn(dir)).toBe(2);
    // The thread's report arrives as a message, after flush() has returned.
    return new Promise<void>((resolve) => {
      const poll = () => (errors.length ? resolve() : setTimeout(poll, 5));
      poll();
    }).then(() => expect(errors[0]).toMatch(/^request log: 1 rows not written: .*bind/));
  });

  it('writes on the main thread when the thread cannot open the database, losing nothing', async () => {
    const dir = tempDir();
    const errors: string[] = [];
    const db = openDatabase(dir);
    const w = new RequestLogWriter(db, {
      thread: { file: path.join(dir, 'no-such-dir', DB_FILE) },
      onError: (m) => errors.push(m),
      threadWaitMs: 300,
    });
    open.push({ close: () => (w.close(), db.close()) });
    // Flushed at once: the thread's failure is not known yet, so flush() waits for it, then writes.
    w.record(entry(1));
    w.flush();
    expect(countIn(dir)).toBe(1);
    expect(w.mode).toBe('main');
    w.record(entry(2));
    w.flush();
    expect(countIn(dir)).toBe(2);
    expect(errors[0]).toMatch(/^request log: writing on the main thread/);
  });

  it('takes over from a thread that failed without a flush waiting for it', async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const w = new RequestLogWriter(db, { thread: { file: path.join(dir, 'missing', DB_FILE) }, flushMs: 1 });
    open.push({ close: () => (w.close(), db.close()) });
    w.record(entry(1));
    for (let i = 0; i < 200 && w.mode === 'thread'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(w.mode).toBe('main');
    expect(countIn(dir)).toBe(1);
  });

  it('closes its connection with the store, so the store can truncate the write-ahead log', () => {
    const dir = tempDir();
    const store = new Store({ dataDir: dir });
    for (let i = 0; i < 10; i++) store.requestLog.record(entry(i));
    store.requestLog.flush();
    expect(store.requestLog.mode).toBe('thread');
    store.close();
    expect(countIn(dir)).toBe(10);
    const wal = path.join(dir, `${DB_FILE}-wal`);
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
  });

  it('writes on the main thread when asked to', () => {
    const dir = tempDir();
    const store = new Store({ dataDir: dir, logThread: false });
    open.push(store);
    store.requestLog.record(entry(1));
    expect(store.requestLog.mode).toBe('main');
    store.requestLog.flush();
    expect(countIn(dir)).toBe(1);
  });
});
