// The request log's read side: the queries the management API asks (pages of the log, one
// request with its detail, usage aggregates), by name, so no SQL against request_log lives
// outside the store. The writer is request-log.ts; pruning is log-retention.ts.
import type { Db } from './db.js';
import { capLogDetail, expandLogDetail, type LogDetail } from './log-detail.js';
import { cappedColumn, NAME_MAX_CHARS, type LogLimits } from './log-caps.js';
import type { RequestLogEntry } from './request-log.js';

/** A log entry as lists and the live tail carry it: without its detail (bodies, attempts). */
export type LogSummary = Omit<RequestLogEntry, 'detail'>;

export function withoutDetail(e: RequestLogEntry): LogSummary {
  const { detail: _detail, ...rest } = e;
  return rest;
}

interface Row {
  id: string;
  ts: number;
  api_key_id: string | null;
  caller_format: string;
  requested_model: string | null;
  combo: string | null;
  provider_id: string | null;
  connection_id: string | null;
  upstream_model: string | null;
  attempts: number;
  status: number;
  stream: number;
  latency_ms: number | null;
  ttfb_ms: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cached_tokens: number | null;
  cache_write_tokens: number | null;
  reasoning_tokens: number | null;
  cost_usd: number | null;
  error: string | null;
  detail: string | null;
  kind: string | null;
  units: number | null;
  unit: string | null;
}

function fromRow(r: Row): LogSummary {
  const e: Record<string, unknown> = {
    id: r.id,
    ts: r.ts,
    apiKeyId: r.api_key_id,
    callerFormat: r.caller_format,
    requestedModel: r.requested_model,
    combo: r.combo,
    providerId: r.provider_id,
    connectionId: r.connection_id,
    upstreamModel: r.upstream_model,
    attempts: r.attempts,
    status: r.status,
    stream: r.stream === 1,
    latencyMs: r.latency_ms,
    ttfbMs: r.ttfb_ms,
    inputTokens: r.input_tokens,
    outputTokens: r.output_tokens,
    cachedTokens: r.cached_tokens,
    cacheWriteTokens: r.cache_write_tokens,
    reasoningTokens: r.reasoning_tokens,
    costUsd: r.cost_usd,
    error: r.error,
    // A row from before kinds, or a chat request, is chat.
    kind: r.kind ?? 'chat',
    units: r.units,
    unit: r.unit,
  };
  for (const k of Object.keys(e)) if (e[k] === null) delete e[k];
  return e as unknown as LogSummary;
}

/**
 * The list's columns: no detail (bodies), and texts capped as the writer caps them, also in rows
 * written before the caps or under larger ones.
 */
function listColumns(limits: LogLimits): string {
  const name = (c: string) => cappedColumn(c, NAME_MAX_CHARS);
  return [
    'id',
    'ts',
    'api_key_id',
    'caller_format',
    name('requested_model'),
    name('combo'),
    name('provider_id'),
    name('connection_id'),
    name('upstream_model'),
    'attempts',
    'status',
    'stream',
    'latency_ms',
    'ttfb_ms',
    'input_tokens',
    'output_tokens',
    'cached_tokens',
    'cache_write_tokens',
    'reasoning_tokens',
    'cost_usd',
    cappedColumn('error', limits.errorMaxChars),
    'NULL AS detail',
    'kind',
    'units',
    'unit',
  ].join(', ');
}

/** Which rows a page of the log shows; every field optional. */
export interface LogFilter {
  /** Rows before this ts (ms)… */
  before?: number;
  /** …or, with `before`, at that ts with a smaller id: rows sharing the last row's ms are not skipped. */
  beforeId?: string;
  /** ok, error, or a three-digit status code. */
  status?: string;
  provider?: string;
  kind?: string;
  /** As asked for or as sent upstream. */
  model?: string;
  apiKeyId?: string;
  /** Text in the requested model or the error. */
  q?: string;
}

function whereClause(f: LogFilter): { sql: string; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    args.push(...values);
  };
  if (f.before !== undefined) {
    if (f.beforeId) add('(ts < ? OR (ts = ? AND id < ?))', f.before, f.before, f.beforeId);
    else add('ts < ?', f.before);
  }
  if (f.status === 'ok') add('status < 400 AND error IS NULL');
  else if (f.status === 'error') add('(status >= 400 OR error IS NOT NULL)');
  else if (f.status && /^\d{3}$/.test(f.status)) add('status = ?', Number(f.status));
  if (f.provider) add('provider_id = ?', f.provider);
  if (f.kind) add("COALESCE(kind, 'chat') = ?", f.kind);
  if (f.model) add('(requested_model = ? OR upstream_model = ?)', f.model, f.model);
  if (f.apiKeyId) add('api_key_id = ?', f.apiKeyId);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => '\\' + m)}%`;
    add("(requested_model LIKE ? ESCAPE '\\' OR error LIKE ? ESCAPE '\\')", like, like);
  }
  return { sql: where.length ? 'WHERE ' + where.join(' AND ') : '', args };
}

/**
 * Up to `limit` entries, newest first, without detail. Read lazily: a caller that stops early
 * (a page's byte bound) never loads the rows past it.
 */
export function* logEntries(
  db: Db,
  limits: LogLimits,
  filter: LogFilter,
  limit: number,
): Generator<LogSummary> {
  const { sql, args } = whereClause(filter);
  const stmt = db.prepare(
    `SELECT ${listColumns(limits)} FROM request_log ${sql} ORDER BY ts DESC, id DESC LIMIT ?`,
  );
  for (const r of stmt.iterate(...args, limit) as IterableIterator<Row>) yield fromRow(r);
}

/** A stored detail longer than this is read piecewise in SQL (a row from before the caps). */
const detailReadMax = (l: LogLimits) => l.bodyMaxBytes + 2 * 1024 * 1024;

/**
 * A detail too large to read whole (written before the caps): its parts, each capped inside
 * SQLite, so the gateway's heap never holds the stored text.
 */
function readLargeDetail(db: Db, id: string, l: LogLimits): Partial<LogDetail> {
  try {
    return readLargeDetailParts(db, id, l);
  } catch {
    return {}; // not JSON: nothing to show beyond the row's own columns
  }
}

function readLargeDetailParts(db: Db, id: string, l: LogLimits): Partial<LogDetail> {
  const r = db
    .prepare(
      `SELECT json_extract(detail, '$.steps') AS steps, json_extract(detail, '$.shared') AS shared,
         substr(json_extract(detail, '$.requestBody'), 1, ?) AS body,
         length(json_extract(detail, '$.requestBody')) AS bodyChars,
         (SELECT json_group_array(json(CASE WHEN json_type(value, '$.error') = 'text'
             THEN json_set(value, '$.error', substr(json_extract(value, '$.error'), 1, ?)) ELSE value END))
          FROM json_each(detail, '$.attempts')) AS attempts
       FROM request_log WHERE id = ?`,
    )
    .get(Math.floor(l.bodyMaxBytes / 3), l.errorMaxChars + 1, id) as
    | {
        steps: string | null;
        shared: string | null;
        body: string | null;
        bodyChars: number | null;
        attempts: string | null;
      }
    | undefined;
  if (!r) return {};
  const out: Partial<LogDetail> = {};
  try {
    if (r.steps) out.steps = JSON.parse(r.steps) as string[];
    if (r.shared) out.shared = JSON.parse(r.shared) as LogDetail['shared'];
    if (r.attempts) out.attempts = JSON.parse(r.attempts) as LogDetail['attempts'];
  } catch {}
  if (r.body !== null)
    out.requestBody =
      r.bodyChars !== null && r.bodyChars > r.body.length
        ? `${r.body}…[truncated: ${r.bodyChars} chars total]`
        : r.body;
  return capLogDetail(out, l);
}

/** One request and its detail, capped as the writer caps now (rows from before the caps, or under larger ones). */
export function logEntryWithDetail(
  db: Db,
  limits: LogLimits,
  id: string,
): { entry: LogSummary; detail: LogDetail } | undefined {
  const row = db
    .prepare(
      `SELECT ${listColumns(limits).replace('NULL AS detail', `CASE WHEN length(detail) <= ${detailReadMax(limits)} THEN detail END AS detail, detail IS NOT NULL AS has_detail`)} FROM request_log WHERE id = ?`,
    )
    .get(id) as (Row & { has_detail: number }) | undefined;
  if (!row) return undefined;
  const detail = capLogDetail(
    row.detail === null && row.has_detail
      ? { steps: [], attempts: [], ...readLargeDetail(db, id, limits) }
      : expandLogDetail(row),
    limits,
  );
  return { entry: fromRow(row), detail };
}

export const USAGE_BUCKETS = { hour: 3_600_000, day: 86_400_000 } as const;
const GROUP_COLUMN = {
  provider: 'provider_id',
  model: 'requested_model',
  key: 'api_key_id',
  kind: "COALESCE(kind, 'chat')",
} as const;
export type UsageGroupBy = keyof typeof GROUP_COLUMN;
export const USAGE_GROUPS = Object.keys(GROUP_COLUMN) as UsageGroupBy[];

export interface UsageBucket {
  ts: number;
  group: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** Non-token units (images, seconds, characters, searches) by unit, when any. */
  units?: Record<string, number>;
}

/** Requests, tokens, cost and units per time bucket and group, over [from, to). */
export function usageBuckets(
  db: Db,
  q: { from: number; to: number; bucket: keyof typeof USAGE_BUCKETS; groupBy: UsageGroupBy },
): UsageBucket[] {
  const size = USAGE_BUCKETS[q.bucket];
  const group = GROUP_COLUMN[q.groupBy];
  const rows = db
    .prepare(
      `SELECT (ts / ${size}) * ${size} AS b, COALESCE(${group}, '(none)') AS g, COUNT(*) AS n,
              COALESCE(SUM(input_tokens), 0) AS i, COALESCE(SUM(output_tokens), 0) AS o, COALESCE(SUM(cost_usd), 0) AS cost
       FROM request_log WHERE ts >= ? AND ts < ? GROUP BY b, g ORDER BY b, g`,
    )
    .all(q.from, q.to) as Array<{ b: number; g: string; n: number; i: number; o: number; cost: number }>;
  const unitRows = db
    .prepare(
      `SELECT (ts / ${size}) * ${size} AS b, COALESCE(${group}, '(none)') AS g, unit AS u, SUM(units) AS n
       FROM request_log WHERE ts >= ? AND ts < ? AND unit IS NOT NULL GROUP BY b, g, u`,
    )
    .all(q.from, q.to) as Array<{ b: number; g: string; u: string; n: number }>;
  const unitsOf = new Map<string, Record<string, number>>();
  for (const u of unitRows) {
    const k = `${u.b}\u0000${u.g}`;
    const rec = unitsOf.get(k) ?? {};
    rec[u.u] = u.n;
    unitsOf.set(k, rec);
  }
  return rows.map((r) => {
    const units = unitsOf.get(`${r.b}\u0000${r.g}`);
    return {
      ts: r.b,
      group: r.g,
      requests: r.n,
      inputTokens: r.i,
      outputTokens: r.o,
      costUsd: r.cost,
      ...(units ? { units } : {}),
    };
  });
}
