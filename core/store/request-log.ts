import type { Worker } from 'node:worker_threads';
import type { Db } from './database.js';
import { canBlock, COMMITTED, CLOSED, startLogThread } from './request-log-worker.js';

export interface RequestLogEntry {
  id: string;
  ts: number;
  apiKeyId?: string;
  callerFormat: string;
  requestedModel?: string;
  providerId?: string;
  connectionId?: string;
  upstreamModel?: string;
  attempts: number;
  status: number;
  stream: boolean;
  latencyMs?: number;
  ttfbMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  cachedTokens?: number;
  reasoningTokens?: number;
  costUsd?: number;
  error?: string;
  combo?: string;
  /** Route, attempts and (debug logging) the request body: JSON in the `detail` column. */
  detail?: unknown;
}

export interface RequestLogOptions {
  flushMs?: number;
  maxBatch?: number;
  /**
   * Write from a thread of its own (the default for a database file): the inserts, about 8 µs a
   * row at full load with the table's indexes, leave the thread that serves requests, which is
   * what limits a loaded gateway. Off: the main thread writes (tests, or where it can't block).
   */
  thread?: { file: string; nativeBinding?: string } | false;
  /** Told when rows could not be written (they are dropped; serving goes on). */
  onError?: (message: string) => void;
  /** How long flush() waits for the writer thread before writing the rows itself (ms). */
  threadWaitMs?: number;
}

const INSERT_SQL = `INSERT OR IGNORE INTO request_log (id, ts, api_key_id, caller_format, requested_model, provider_id, connection_id,
  upstream_model, attempts, status, stream, latency_ms, ttfb_ms, input_tokens, output_tokens, cached_tokens,
  reasoning_tokens, cost_usd, error, combo, detail)
 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** How long flush() waits for the writer thread before writing the rows itself. */
const THREAD_WAIT_MS = 5_000;

export type LogWriterMode = 'thread' | 'main';

/**
 * The hot path never touches the disk: entries queue in memory and are written in one
 * transaction per batch, off the request — by a writer thread when there is a database file —
 * and on shutdown. `flush()` is synchronous either way: when it returns, every recorded row is
 * in the database, so readers (the log API, replays, tests) call it first.
 */
export class RequestLogWriter {
  private queue: Row[] = [];
  private timer: NodeJS.Timeout | undefined;
  // Positional parameters: binding a named-parameter object costs ~40 % more per row.
  private readonly insert;
  private thread: Worker | undefined;
  private state: Int32Array | undefined;
  /** Batches handed to the thread and not yet known written, oldest first. */
  private inflight: Array<{ seq: number; rows: Row[] }> = [];
  private seq = 0;
  private threadOff: boolean;

  constructor(
    private readonly db: Db,
    private readonly opts: RequestLogOptions = {},
  ) {
    this.insert = db.prepare(INSERT_SQL);
    this.threadOff = !opts.thread || !canBlock();
  }

  record(entry: RequestLogEntry): void {
    // Kept as the row's flat values, not the entry: queued rows outlive many young-generation
    // collections, and an entry's nested objects would be copied and promoted with them.
    this.queue.push(rowOf(entry));
    if (this.queue.length >= (this.opts.maxBatch ?? 256)) this.ship();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.ship(), this.opts.flushMs ?? 100);
      this.timer.unref();
    }
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Where rows are written now: the writer thread (once started), or the main thread. */
  get mode(): LogWriterMode {
    return this.threadOff ? 'main' : 'thread';
  }

  /** Writes every recorded row before it returns; the count of rows that were queued. */
  flush(): number {
    const n = this.queue.length;
    this.ship();
    if (this.inflight.length) this.awaitThread();
    return n;
  }

  /** Flushes, then closes the writer thread's connection (before the store closes its own). */
  close(): void {
    this.flush();
    const thread = this.thread;
    if (!thread || !this.state) return;
    this.thread = undefined;
    thread.postMessage('close');
    if (Atomics.load(this.state, CLOSED) === 0)
      Atomics.wait(this.state, CLOSED, 0, this.opts.threadWaitMs ?? THREAD_WAIT_MS);
    void thread.terminate();
  }

  recent(limit = 100): Array<Record<string, unknown>> {
    this.flush();
    return this.db.prepare('SELECT * FROM request_log ORDER BY ts DESC LIMIT ?').all(limit) as Array<
      Record<string, unknown>
    >;
  }

  /** Hands the queue to the thread, or writes it here. */
  private ship(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const rows = this.queue;
    if (rows.length === 0) return;
    this.queue = [];
    const thread = this.threadOff ? undefined : (this.thread ?? this.startThread());
    if (!thread) {
      this.writeHere(rows);
      return;
    }
    this.forgetWritten();
    const seq = ++this.seq;
    this.inflight.push({ seq, rows });
    thread.postMessage({ seq, rows });
  }

  private writeHere(rows: Row[]): void {
    try {
      this.db.transaction(() => {
        for (const row of rows) this.insert.run(row);
      })();
    } catch (err) {
      // One bad row must not cost the batch, nor reach the request that recorded it.
      let failed = 0;
      for (const row of rows) {
        try {
          this.insert.run(row);
        } catch {
          failed++;
        }
      }
      this.opts.onError?.(`request log: ${failed} rows not written: ${(err as Error).message}`);
    }
  }

  private startThread(): Worker | undefined {
    const o = this.opts.thread;
    if (!o) return undefined;
    try {
      const state = new SharedArrayBuffer(12);
      const thread = startLogThread({
        file: o.file,
        nativeBinding: o.nativeBinding,
        insertSql: INSERT_SQL,
        state,
      });
      thread.unref();
      thread.on('message', (m: { error?: string; rows?: number }) => {
        if (m.error) this.opts.onError?.(`request log: ${m.rows} rows not written: ${m.error}`);
      });
      // A thread that cannot start or dies (no native module in a worker, out of memory): the
      // main thread takes over, and writes what the thread had not (INSERT OR IGNORE: twice is once).
      thread.on('error', (err) => this.takeOver(thread, err.message));
      thread.on('exit', (code) => {
        if (this.thread === thread) this.takeOver(thread, `writer thread exited (${code})`);
      });
      this.thread = thread;
      this.state = new Int32Array(state);
      return thread;
    } catch (err) {
      this.threadOff = true;
      this.opts.onError?.(`request log: writing on the main thread (${(err as Error).message})`);
      return undefined;
    }
  }

  private takeOver(thread: Worker, why: string): void {
    if (this.thread !== thread) return;
    this.thread = undefined;
    this.threadOff = true;
    this.opts.onError?.(`request log: writing on the main thread (${why})`);
    void thread.terminate();
    this.rewriteInflight();
  }

  private rewriteInflight(): void {
    this.forgetWritten();
    const left = this.inflight;
    this.inflight = [];
    for (const b of left) this.writeHere(b.rows);
  }

  private forgetWritten(): void {
    if (!this.state || this.inflight.length === 0) return;
    const done = Atomics.load(this.state, COMMITTED);
    let i = 0;
    while (i < this.inflight.length && this.inflight[i]!.seq <= done) i++;
    if (i) this.inflight.splice(0, i);
  }

  /** Blocks until the thread has written every batch handed to it, or takes over after a wait. */
  private awaitThread(): void {
    const state = this.state;
    if (!state) return this.rewriteInflight();
    const wait = this.opts.threadWaitMs ?? THREAD_WAIT_MS;
    const deadline = Date.now() + wait;
    for (;;) {
      const done = Atomics.load(state, COMMITTED);
      if (done >= this.seq) {
        this.inflight = [];
        return;
      }
      const left = deadline - Date.now();
      if (left <= 0) break;
      Atomics.wait(state, COMMITTED, done, left);
    }
    if (this.thread) this.takeOver(this.thread, `no answer in ${wait} ms`);
    else this.rewriteInflight();
  }
}

type Row = Array<string | number | null>;

function rowOf(e: RequestLogEntry): Row {
  return [
    e.id,
    e.ts,
    e.apiKeyId ?? null,
    e.callerFormat,
    e.requestedModel ?? null,
    e.providerId ?? null,
    e.connectionId ?? null,
    e.upstreamModel ?? null,
    e.attempts,
    e.status,
    e.stream ? 1 : 0,
    e.latencyMs ?? null,
    e.ttfbMs ?? null,
    e.inputTokens ?? null,
    e.outputTokens ?? null,
    e.cachedTokens ?? null,
    e.reasoningTokens ?? null,
    e.costUsd ?? null,
    e.error ?? null,
    e.combo ?? null,
    e.detail === undefined ? null : JSON.stringify(e.detail),
  ];
}
