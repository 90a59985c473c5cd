import type { Db } from './db.js';
import { capChars, capName, DEFAULT_LOG_LIMITS, type LogLimits } from './log-caps.js';
import { capLogDetail } from './log-detail.js';
import type { RequestLogEntry } from './log-entry.js';

export type { RequestLogEntry };

export interface RequestLogOptions {
  flushMs?: number;
  maxBatch?: number;
  /** Told when rows could not be written (they are dropped; serving goes on). */
  onError?: (message: string) => void;
  /** What a row may hold; the runtime sets the settings' values with setLimits. */
  limits?: LogLimits;
}

/**
 * The hot path never touches the disk: entries queue in memory and are written in one
 * transaction per batch, off the request, and on shutdown. `flush()` writes what is queued, so
 * readers (the log API, replays, tests) call it first.
 *
 * The writes stay on the main thread. A writer thread with its own connection was measured
 * twice (sessions 4 and 5, the second one started only under sustained load): on two shared
 * cores the insert on the other core, the hand-over and the wake-ups cost more CPU per request
 * in all than the insert here, throughput fell (0.59 against 0.83 of the bare proxy in the same
 * hour), and the thread holds 7–9 MB while it runs.
 *
 * A row's texts are capped as it is queued (settings logBodyMaxKb, logErrorMaxChars; names at
 * NAME_MAX_CHARS): a handful of length checks per request, and the queue never holds an echoed
 * prompt. Cut text ends with `…[truncated: <n> chars total]` (bodies: `<n> bytes total`).
 */
export class RequestLogWriter {
  private queue: Row[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly insert;
  private caps: LogLimits;

  constructor(
    private readonly db: Db,
    private readonly opts: RequestLogOptions = {},
  ) {
    this.caps = opts.limits ?? DEFAULT_LOG_LIMITS;
    // Positional parameters: binding a named-parameter object costs ~40 % more per row.
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO request_log (id, ts, api_key_id, caller_format, requested_model, provider_id, connection_id,
        upstream_model, attempts, status, stream, latency_ms, ttfb_ms, input_tokens, output_tokens, cached_tokens,
        reasoning_tokens, cost_usd, error, combo, detail, cache_write_tokens, kind, units, unit)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  record(entry: RequestLogEntry): void {
    // Kept as the row's flat values, not the entry: queued rows outlive many young-generation
    // collections, and an entry's nested objects would be copied and promoted with them.
    this.queue.push(rowOf(entry, this.caps));
    if (this.queue.length >= (this.opts.maxBatch ?? 500)) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.opts.flushMs ?? 250);
      this.timer.unref();
    }
  }

  /** Applies to entries recorded from now on. */
  setLimits(limits: LogLimits): void {
    this.caps = limits;
  }

  get limits(): LogLimits {
    return this.caps;
  }

  get pending(): number {
    return this.queue.length;
  }

  /**
   * Each request an account served since `since` (ms), oldest first, with its tokens: what quota
   * windows are rebuilt from at start. Queued entries are written first, so none is missed.
   */
  servedSince(since: number): Array<{ connectionId: string; ts: number; tokens: number }> {
    this.flush();
    return this.db
      .prepare(
        `SELECT connection_id AS connectionId, ts, COALESCE(input_tokens, 0) + COALESCE(output_tokens, 0) AS tokens
         FROM request_log WHERE ts > ? AND connection_id IS NOT NULL AND status < 400 ORDER BY ts`,
      )
      .all(since) as Array<{ connectionId: string; ts: number; tokens: number }>;
  }

  /**
   * The spend since `since` (ms, inclusive) per provider and gateway key: what budgets are
   * rebuilt from. Queued entries are written first, so none is missed (nor counted twice).
   */
  spendSince(since: number): Array<{ providerId: string | null; apiKeyId: string | null; usd: number }> {
    this.flush();
    return this.db
      .prepare(
        `SELECT provider_id AS providerId, api_key_id AS apiKeyId, SUM(cost_usd) AS usd FROM request_log
         WHERE ts >= ? AND cost_usd > 0 GROUP BY provider_id, api_key_id`,
      )
      .all(since) as Array<{ providerId: string | null; apiKeyId: string | null; usd: number }>;
  }

  flush(): number {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    if (batch.length === 0) return 0;
    this.queue = [];
    try {
      this.db.transaction(() => {
        // Spread, not the array: better-sqlite3 reads an array's items through V8's slow element
        // access; as arguments the row binds ~20 % faster (1–1.5 µs of ~6 per row).
        for (const row of batch) this.insert.run(...row);
      })();
    } catch (err) {
      // One bad row must not cost the batch, nor reach the request that recorded it.
      let failed = 0;
      for (const row of batch) {
        try {
          this.insert.run(...row);
        } catch {
          failed++;
        }
      }
      this.opts.onError?.(`request log: ${failed} rows not written: ${(err as Error).message}`);
    }
    return batch.length;
  }
}

type Row = Array<string | number | null>;

function rowOf(e: RequestLogEntry, caps: LogLimits): Row {
  return [
    e.id,
    e.ts,
    e.apiKeyId ?? null,
    e.callerFormat,
    capName(e.requestedModel) ?? null,
    capName(e.providerId) ?? null,
    capName(e.connectionId) ?? null,
    capName(e.upstreamModel) ?? null,
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
    e.error === undefined ? null : capChars(e.error, caps.errorMaxChars),
    capName(e.combo) ?? null,
    e.detail === undefined ? null : JSON.stringify(capLogDetail(e.detail, caps)),
    e.cacheWriteTokens ?? null,
    e.kind ?? null,
    e.units ?? null,
    e.unit ?? null,
  ];
}

/**
 * An entry's texts as the log keeps them, for what shows entries before they are written (the
 * live tail). The entry itself when nothing is cut.
 */
export function capEntry<E extends Omit<RequestLogEntry, 'detail'>>(e: E, caps: LogLimits): E {
  const error = e.error === undefined ? undefined : capChars(e.error, caps.errorMaxChars);
  const names = ['requestedModel', 'providerId', 'connectionId', 'upstreamModel', 'combo'] as const;
  if (error === e.error && names.every((k) => capName(e[k]) === e[k])) return e;
  const out: E = { ...e };
  if (error !== undefined) out.error = error;
  for (const k of names) if (e[k] !== undefined) out[k] = capName(e[k]);
  return out;
}
