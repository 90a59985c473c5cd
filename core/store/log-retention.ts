import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { DB_FILE } from './database.js';
import type { Db } from './db.js';

/** The settings the pruner reads, each time it runs. */
export interface RetentionSettings {
  /** Rows older than this many days are deleted (0: kept forever). */
  logRetentionDays: number;
  /** Largest size of the database file and its WAL, MB; the oldest rows go first (0: no limit). */
  logMaxDbMb: number;
}

export interface DatabaseStats {
  /** The database file, bytes. */
  fileBytes: number;
  /** Its write-ahead log (committed writes not yet copied into the file), bytes. */
  walBytes: number;
  totalBytes: number;
  /** Request-log rows. */
  logRows: number;
  /** The oldest request-log row's time (ms), null when there is none. */
  oldestLogTs: number | null;
}

export interface PruneReport {
  at: number;
  /** Rows deleted for being older than logRetentionDays. */
  deletedByAge: number;
  /**
   * Rows older than logRetentionDays that budgets or quota windows still count (the last 32
   * days): kept with their numbers only, the error text and detail (bodies) removed.
   */
  slimmed: number;
  /** Oldest rows deleted to bring the database under logMaxDbMb. */
  deletedBySize: number;
  /** Database file + WAL before and after. */
  bytesBefore: number;
  bytesAfter: number;
  ms: number;
}

export interface LogRetentionOptions {
  now?: () => number;
  /** Rows per statement to start with (100); halved or doubled to keep each near `sliceMs` (10). */
  batchRows?: number;
  /** Most rows per statement (5000). */
  maxBatchRows?: number;
  sliceMs?: number;
  /** Lets the event loop (requests) run between two statements. Default: setImmediate. */
  pause?: () => Promise<void>;
  onWarning?: (message: string) => void;
}

export interface RetentionTimer {
  /** Every this many ms (default 10 minutes). */
  intervalMs?: number;
  /** The first run, this long after start (default 1 s, off the start-up path). */
  firstDelayMs?: number;
  /** Told after each run that changed something. */
  onPruned?: (report: PruneReport) => void;
}

const DAY_MS = 86_400_000;
/**
 * Budgets (router replaySpend: this month) and quota windows (router replayUsage: 32 days) are
 * rebuilt from the request log at start. Rows they count are not deleted by age within this
 * window, only slimmed; the size limit still deletes them, oldest first.
 */
export const COUNTED_WINDOW_MS = 32 * DAY_MS;
const MB = 1024 * 1024;
/** Freed pages given back to the file system per statement (1 MB of 4 KB pages: ~10–30 ms). */
const VACUUM_PAGES = 256;
/** Age pruning gives space back only when this much is free: a steady log reuses its pages. */
const SHRINK_FREE_BYTES = 16 * MB;
/** The size limit deletes down to this share of it, so the next write does not start again. */
const SIZE_TARGET = 0.9;
const keyOf = (s: RetentionSettings) => `${s.logRetentionDays}/${s.logMaxDbMb}`;
const COUNTED = '(cost_usd > 0 OR (connection_id IS NOT NULL AND status < 400))';

/**
 * Keeps the request log within logRetentionDays and the database within logMaxDbMb, in the
 * background: a timer (unref'd) runs at start and every 10 minutes, and each step is one short
 * statement (a few hundred rows) with the event loop free in between, so a request never waits
 * behind a prune for long. Deleted space is handed back to the file system with incremental
 * vacuum (the database is opened with auto_vacuum=INCREMENTAL) and a WAL checkpoint.
 */
export class LogRetention {
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private running: Promise<PruneReport | undefined> | undefined;
  private again = false;
  private aborted = false;
  private generation = 0;
  private next: RetentionSettings | undefined;
  private settings: (() => RetentionSettings) | undefined;
  private onPruned: ((r: PruneReport) => void) | undefined;
  private lastKey: string | undefined;
  private batch: number;
  /** Rows in [counted window start, this) older than the retention are already slimmed. */
  private slimmedUpTo = 0;
  private countCache: { at: number; rows: number } | undefined;
  private warnedFull = false;
  lastReport: PruneReport | undefined;

  constructor(
    private readonly db: Db,
    private readonly dataDir: string,
    private readonly opts: LogRetentionOptions = {},
  ) {
    this.batch = opts.batchRows ?? 100;
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  /** Runs at start (after `firstDelayMs`) and every `intervalMs`, reading `settings()` each time. */
  start(settings: () => RetentionSettings, timer: RetentionTimer = {}): void {
    this.stop();
    this.stopped = false;
    this.settings = settings;
    this.onPruned = timer.onPruned;
    const gen = ++this.generation;
    const tick = (delay: number) => {
      this.timer = setTimeout(async () => {
        this.timer = undefined;
        await this.runQuietly(settings());
        if (!this.stopped && gen === this.generation) tick(timer.intervalMs ?? 600_000);
      }, delay);
      this.timer.unref();
    };
    tick(timer.firstDelayMs ?? 1000);
  }

  /**
   * After a settings change: prunes at once when logRetentionDays or logMaxDbMb differ from the
   * last run's (a lowered limit applies now, not in ten minutes). Only while started.
   */
  settingsChanged(): void {
    if (this.stopped || !this.settings) return;
    const s = this.settings();
    if (keyOf(s) !== this.lastKey) void this.runQuietly(s);
  }

  /** Stops the timer; a run under way ends after its current statement. */
  stop(): void {
    this.stopped = true;
    this.aborted = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async runQuietly(s: RetentionSettings): Promise<void> {
    try {
      const r = await this.run(s);
      if (r && (r.deletedByAge || r.deletedBySize || r.slimmed)) this.onPruned?.(r);
    } catch (err) {
      if (this.live()) this.opts.onWarning?.(`request log pruning failed: ${(err as Error).message}`);
    }
  }

  /** Prunes now (a run under way is followed by one more, with these settings). */
  run(settings: RetentionSettings): Promise<PruneReport | undefined> {
    this.next = settings;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.aborted = false;
    this.running = (async () => {
      try {
        let report: PruneReport | undefined;
        do {
          this.again = false;
          report = await this.pass(this.next!);
        } while (this.again && this.live());
        return report;
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private live(): boolean {
    return this.db.open && !this.aborted;
  }

  stats(): DatabaseStats {
    const { fileBytes, walBytes } = this.fileSizes();
    const now = this.now();
    // COUNT(*) walks an index (tens of ms at a million rows): the Health page polls, so briefly cached.
    if (!this.countCache || now - this.countCache.at > 10_000 || now < this.countCache.at)
      this.countCache = {
        at: now,
        rows: (this.db.prepare('SELECT COUNT(*) AS n FROM request_log').get() as { n: number }).n,
      };
    const oldest = (this.db.prepare('SELECT MIN(ts) AS ts FROM request_log').get() as { ts: number | null })
      .ts;
    return {
      fileBytes,
      walBytes,
      totalBytes: fileBytes + walBytes,
      logRows: this.countCache.rows,
      oldestLogTs: oldest,
    };
  }

  private fileSizes(): { fileBytes: number; walBytes: number } {
    const file = path.join(this.dataDir, DB_FILE);
    const size = (f: string) => (existsSync(f) ? statSync(f).size : 0);
    return { fileBytes: size(file), walBytes: size(`${file}-wal`) };
  }

  private totalBytes(): number {
    const s = this.fileSizes();
    return s.fileBytes + s.walBytes;
  }

  /** Bytes the database's live pages hold (what is left when the free pages are given back). */
  private liveBytes(): number {
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const free = this.db.pragma('freelist_count', { simple: true }) as number;
    const size = this.db.pragma('page_size', { simple: true }) as number;
    return (pages - free) * size;
  }

  private freeBytes(): number {
    return (
      (this.db.pragma('freelist_count', { simple: true }) as number) *
      (this.db.pragma('page_size', { simple: true }) as number)
    );
  }

  private async pause(): Promise<void> {
    await (this.opts.pause?.() ?? new Promise<void>((r) => setImmediate(r)));
  }

  /** One statement, timed; the batch size follows so each stays near `sliceMs`. */
  private step(fn: (rows: number) => number): number {
    const t0 = performance.now();
    const n = fn(this.batch);
    const ms = performance.now() - t0;
    const slice = this.opts.sliceMs ?? 10;
    if (ms > slice * 2 && this.batch > 16) this.batch = Math.max(16, Math.floor(this.batch / 2));
    else if (ms < slice / 2 && n === this.batch && this.batch < (this.opts.maxBatchRows ?? 5000))
      this.batch *= 2;
    return n;
  }

  private async pass(s: RetentionSettings): Promise<PruneReport | undefined> {
    if (!this.live()) return undefined;
    this.lastKey = keyOf(s);
    const t0 = performance.now();
    const now = this.now();
    const bytesBefore = this.totalBytes();
    const report: PruneReport = {
      at: now,
      deletedByAge: 0,
      slimmed: 0,
      deletedBySize: 0,
      bytesBefore,
      bytesAfter: bytesBefore,
      ms: 0,
    };

    if (s.logRetentionDays > 0) {
      const cutoff = now - s.logRetentionDays * DAY_MS;
      const windowStart = now - COUNTED_WINDOW_MS;
      // Older than both: nothing counts them any more.
      const del = this.db.prepare(
        `DELETE FROM request_log WHERE rowid IN (SELECT rowid FROM request_log WHERE ts < ? ORDER BY ts LIMIT ?)`,
      );
      const oldEnd = Math.min(cutoff, windowStart);
      for (;;) {
        if (!this.live()) return report;
        const n = this.step((rows) => del.run(oldEnd, rows).changes);
        report.deletedByAge += n;
        if (n === 0) break;
        await this.pause();
      }
      // Older than the retention but still counted by a budget or quota: only the numbers stay.
      if (cutoff > windowStart)
        await this.slimCounted(Math.max(windowStart, this.slimmedUpTo), cutoff, report);
    }

    if (s.logMaxDbMb > 0 && this.live()) await this.enforceSize(s.logMaxDbMb * MB, report);
    if (this.live() && this.freeBytes() >= SHRINK_FREE_BYTES) await this.shrink();

    if (report.deletedByAge || report.deletedBySize) this.countCache = undefined;
    report.bytesAfter = this.live() ? this.totalBytes() : report.bytesAfter;
    report.ms = Math.round(performance.now() - t0);
    this.lastReport = report;
    return report;
  }

  /** In [from, to): deletes rows nothing counts, slims those a budget or quota window still counts. */
  private async slimCounted(from: number, to: number, report: PruneReport): Promise<void> {
    const pick = this.db.prepare(
      `SELECT rowid AS r, ts, ${COUNTED} AS counted, (detail IS NOT NULL OR error IS NOT NULL) AS heavy
       FROM request_log WHERE ts < ? AND (ts > ? OR (ts = ? AND rowid > ?)) ORDER BY ts, rowid LIMIT ?`,
    );
    const del = this.db.prepare('DELETE FROM request_log WHERE rowid = ?');
    const slim = this.db.prepare('UPDATE request_log SET detail = NULL, error = NULL WHERE rowid = ?');
    let cursor = { ts: from - 1, rowid: Number.MAX_SAFE_INTEGER };
    for (;;) {
      if (!this.live()) return;
      const n = this.step((rows) => {
        const batch = pick.all(to, cursor.ts, cursor.ts, cursor.rowid, rows) as Array<{
          r: number;
          ts: number;
          counted: number;
          heavy: number;
        }>;
        if (batch.length === 0) return 0;
        this.db.transaction(() => {
          for (const b of batch) {
            if (!b.counted) report.deletedByAge += del.run(b.r).changes;
            else if (b.heavy) report.slimmed += slim.run(b.r).changes;
          }
        })();
        const last = batch.at(-1)!;
        cursor = { ts: last.ts, rowid: last.r };
        return batch.length;
      });
      if (n === 0) break;
      await this.pause();
    }
    this.slimmedUpTo = to;
  }

  private async enforceSize(maxBytes: number, report: PruneReport): Promise<void> {
    if (this.totalBytes() <= maxBytes) return;
    // A long WAL may be most of it: copied into the file and truncated, it is gone.
    this.checkpoint();
    if (this.totalBytes() <= maxBytes) return;
    const target = maxBytes * SIZE_TARGET;
    const del = this.db.prepare(
      'DELETE FROM request_log WHERE rowid IN (SELECT rowid FROM request_log ORDER BY ts LIMIT ?)',
    );
    // Rows differ in size by a thousand times (a kept body): each statement deletes about what
    // is still over, by the average row, and then measures again.
    let rows = (this.db.prepare('SELECT COUNT(*) AS n FROM request_log').get() as { n: number }).n;
    for (let live = this.liveBytes(); this.live() && live > target; live = this.liveBytes()) {
      const perRow = live / Math.max(1, rows);
      const want = Math.max(1, Math.ceil((live - target) / perRow));
      const n = this.step((batch) => del.run(Math.min(batch, want)).changes);
      rows -= n;
      report.deletedBySize += n;
      if (n === 0) {
        if (!this.warnedFull)
          this.opts.onWarning?.(
            `the database is over logMaxDbMb (${Math.round(maxBytes / MB)} MB) with no request-log rows left to delete`,
          );
        this.warnedFull = true;
        break;
      }
      await this.pause();
    }
    await this.shrink();
  }

  /** Gives free pages back to the file system, a few MB per statement, then empties the WAL. */
  private async shrink(): Promise<void> {
    const autoVacuum = this.db.pragma('auto_vacuum', { simple: true }) as number;
    if (autoVacuum === 2) {
      while (this.live() && (this.db.pragma('freelist_count', { simple: true }) as number) > 0) {
        this.db.pragma(`incremental_vacuum(${VACUUM_PAGES})`);
        await this.pause();
      }
    }
    if (this.live()) this.checkpoint();
  }

  private checkpoint(): void {
    // TRUNCATE: copy the WAL into the file and cut it to zero bytes. A reader in the middle of
    // a statement can make it partial; the next run finishes it.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }
}
