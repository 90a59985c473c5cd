import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { WIRE_FORMATS } from '../../formats/canonical.js';
import type { Runtime } from '../../runtime/runtime.js';
import { capEntry, type RequestLogEntry } from '../../store/request-log.js';
import { capLogDetail, expandLogDetail, type LogDetail, type LoggedAttempt } from '../../store/log-detail.js';
import { cappedColumn, NAME_MAX_CHARS, type LogLimits } from '../../store/log-caps.js';
import { ApiError, route, type ApiRoute } from './route-table.js';
import { listModels } from '../models-route.js';

export const LogEntryOut = z.object({
  id: z.string(),
  ts: z.number(),
  apiKeyId: z.string().optional(),
  callerFormat: z.string(),
  requestedModel: z.string().optional(),
  combo: z.string().optional(),
  providerId: z.string().optional(),
  connectionId: z.string().optional(),
  upstreamModel: z.string().optional(),
  attempts: z.number(),
  status: z.number(),
  stream: z.boolean(),
  latencyMs: z.number().optional(),
  ttfbMs: z.number().optional(),
  inputTokens: z.number().optional(),
  outputTokens: z.number().optional(),
  cachedTokens: z.number().optional(),
  cacheWriteTokens: z.number().optional(),
  reasoningTokens: z.number().optional(),
  costUsd: z.number().optional(),
  error: z.string().optional(),
  kind: z.string().optional(),
  units: z.number().optional(),
  unit: z.string().optional(),
});

/** GET /api/logs: one page of the request log. */
export const LogPageOut = z.object({
  items: z.array(LogEntryOut),
  nextBefore: z.number().nullable().describe('ts of the last item, when there may be more (pass as before).'),
  nextBeforeId: z
    .string()
    .nullable()
    .describe('id of the last item (pass as beforeId with before: rows of the same ms are not skipped).'),
  next: z.string().nullable().describe('The next page: this query with before and beforeId set.'),
  truncated: z.boolean().describe('The page stopped at maxBytes before limit rows.'),
  maxBytes: z.number(),
});

/** One attempt of a request (the store's LoggedAttempt). */
const LoggedAttemptOut = z.object({
  providerId: z.string(),
  connectionId: z.string().optional(),
  upstreamModel: z.string(),
  step: z.string().describe('The combo step (or the model as asked) this attempt came from.'),
  status: z.number(),
  error: z.string().optional(),
  skipped: z
    .string()
    .optional()
    .describe('Skipped without a request (circuit open, locked out, rate limited, over budget).'),
  latencyMs: z.number(),
  ttfbMs: z.number().optional(),
}) satisfies z.ZodType<LoggedAttempt>;

/** GET /api/logs/:id: one request with its route and every attempt. */
export const LogDetailOut = LogEntryOut.extend({
  route: z.object({
    combo: z.string().optional(),
    steps: z.array(z.string()),
    globalFallback: z
      .string()
      .optional()
      .describe('The global fallback combo served this request (the model asked for could not).'),
  }),
  attemptsDetail: z.array(LoggedAttemptOut),
  requestBody: z.unknown().optional().describe('Only when debugLogging was on.'),
});

/** GET /api/usage: requests, tokens and cost per bucket and group. */
export const UsageOut = z.object({
  from: z.number(),
  to: z.number(),
  bucket: z.enum(['hour', 'day']),
  groupBy: z.enum(['provider', 'model', 'key', 'kind']),
  buckets: z.array(
    z.object({
      ts: z.number(),
      group: z.string(),
      requests: z.number(),
      inputTokens: z.number(),
      outputTokens: z.number(),
      costUsd: z.number(),
      /** Non-token units (images, seconds, characters, searches) by unit, when any. */
      units: z.record(z.string(), z.number()).optional(),
    }),
  ),
  totals: z.object({
    requests: z.number(),
    inputTokens: z.number(),
    outputTokens: z.number(),
    costUsd: z.number(),
  }),
});

/** POST /api/translate: the body in the other format, and what could not be carried over. */
export const TranslateOut = z.object({ body: z.unknown(), warnings: z.array(z.string()) });

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

function fromRow(r: Row): RequestLogEntry {
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
  return e as unknown as RequestLogEntry;
}

/** Without the detail: what lists and the live tail carry. */
function summary(e: RequestLogEntry): Omit<RequestLogEntry, 'detail'> {
  const { detail: _detail, ...rest } = e;
  return rest;
}

/**
 * Most bytes of one /api/logs page. Rows are bounded (log-caps.ts), but 500 of them with long
 * error texts are not: a page of 48 MB once took the gateway from 250 to 562 MB.
 */
export const LOG_PAGE_MAX_BYTES = 2 * 1024 * 1024;

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

/** A stored detail longer than this is read piecewise in SQL (a row from before the caps). */
const detailReadMax = (l: LogLimits) => l.bodyMaxBytes + 2 * 1024 * 1024;

/**
 * A detail too large to read whole (written before the caps): its parts, each capped inside
 * SQLite, so the gateway's heap never holds the stored text.
 */
function readLargeDetail(db: Runtime['store']['db'], id: string, l: LogLimits): Partial<LogDetail> {
  try {
    return readLargeDetailParts(db, id, l);
  } catch {
    return {}; // not JSON: nothing to show beyond the row's own columns
  }
}

function readLargeDetailParts(db: Runtime['store']['db'], id: string, l: LogLimits): Partial<LogDetail> {
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

/** Query parameters of the next page: these ones, with before and beforeId moved on. */
function nextPageQuery(q: Record<string, string>, last: { ts: number; id: string }): string {
  const p = new URLSearchParams(q);
  p.set('before', String(last.ts));
  p.set('beforeId', last.id);
  return `/api/logs?${p}`;
}

const BUCKET_MS = { hour: 3_600_000, day: 86_400_000 } as const;
const GROUP_COLUMN = {
  provider: 'provider_id',
  model: 'requested_model',
  key: 'api_key_id',
  kind: "COALESCE(kind, 'chat')",
} as const;

/** Request log, live tail, usage aggregates and the translator playground. */
export function observeRoutes(rt: Runtime): ApiRoute[] {
  const db = rt.store.db;
  // The log writer batches; a reader must see what was already answered.
  const fresh = () => rt.store.requestLog.flush();
  return [
    route({
      method: 'get',
      path: '/logs',
      tag: 'logs',
      summary:
        'Request log, newest first, without bodies. Query: limit (≤500), before (ts) and beforeId (id) to page back, status (ok|error|<code>), provider, kind (chat|embedding|rerank|image|transcription|speech|moderation), model, apiKeyId, q (text in model or error). A page also stops at 2 MB: then `truncated` is true; `next` is the next page either way.',
      response: LogPageOut,
      handler: (c) => {
        fresh();
        const q = c.req.query();
        const limit = Math.min(500, Math.max(1, Number(q.limit ?? 100) || 100));
        const where: string[] = [];
        const args: unknown[] = [];
        if (q.before) {
          const before = Number(q.before);
          if (!Number.isFinite(before))
            throw new ApiError(400, '"before" must be epoch milliseconds.', 'before');
          if (q.beforeId) {
            // (ts, id) below the last row shown: the rows sharing its millisecond are not skipped.
            where.push('(ts < ? OR (ts = ? AND id < ?))');
            args.push(before, before, q.beforeId);
          } else {
            where.push('ts < ?');
            args.push(before);
          }
        }
        if (q.status === 'ok') where.push('status < 400 AND error IS NULL');
        else if (q.status === 'error') where.push('(status >= 400 OR error IS NOT NULL)');
        else if (q.status && /^\d{3}$/.test(q.status)) {
          where.push('status = ?');
          args.push(Number(q.status));
        }
        if (q.provider) {
          where.push('provider_id = ?');
          args.push(q.provider);
        }
        if (q.kind) {
          where.push("COALESCE(kind, 'chat') = ?");
          args.push(q.kind);
        }
        if (q.model) {
          where.push('(requested_model = ? OR upstream_model = ?)');
          args.push(q.model, q.model);
        }
        if (q.apiKeyId) {
          where.push('api_key_id = ?');
          args.push(q.apiKeyId);
        }
        if (q.q) {
          where.push("(requested_model LIKE ? ESCAPE '\\' OR error LIKE ? ESCAPE '\\')");
          const like = `%${q.q.replace(/[\\%_]/g, (m) => '\\' + m)}%`;
          args.push(like, like);
        }
        const stmt = db.prepare(
          `SELECT ${listColumns(rt.store.requestLog.limits)} FROM request_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY ts DESC, id DESC LIMIT ?`,
        );
        // Serialised row by row and read only as far as the page goes: its bytes are known
        // exactly, and rows past the bound are never loaded.
        const parts: string[] = [];
        let bytes = 0;
        let last: { ts: number; id: string } | undefined;
        let more = false;
        let truncated = false;
        for (const r of stmt.iterate(...args, limit + 1) as IterableIterator<Row>) {
          if (parts.length === limit) {
            more = true;
            break;
          }
          const json = JSON.stringify(summary(fromRow(r)));
          const size = Buffer.byteLength(json) + 1;
          if (parts.length > 0 && bytes + size > LOG_PAGE_MAX_BYTES) {
            more = truncated = true;
            break;
          }
          parts.push(json);
          bytes += size;
          last = { ts: r.ts, id: r.id };
        }
        const tail = {
          nextBefore: more && last ? last.ts : null,
          nextBeforeId: more && last ? last.id : null,
          next: more && last ? nextPageQuery(q, last) : null,
          truncated,
          maxBytes: LOG_PAGE_MAX_BYTES,
        };
        return c.body(`{"items":[${parts.join(',')}],${JSON.stringify(tail).slice(1)}`, 200, {
          'content-type': 'application/json; charset=UTF-8',
        });
      },
    }),
    route({
      method: 'get',
      path: '/logs/stream',
      tag: 'logs',
      summary:
        'Live tail (Server-Sent Events): `event: log` with a log entry per finished request; `event: ping` every 15 s.',
      handler: (c) =>
        streamSSE(c, async (stream) => {
          const queue: RequestLogEntry[] = [];
          let wake: (() => void) | undefined;
          const off = rt.events.on('request-finished', (r) => {
            if (!r.entry) return;
            queue.push(r.entry);
            wake?.();
          });
          let open = true;
          stream.onAbort(() => {
            open = false;
            off();
            wake?.();
          });
          while (open) {
            while (queue.length)
              await stream.writeSSE({
                event: 'log',
                // The entry as the log keeps it: an echoed prompt in an error is not streamed whole.
                data: JSON.stringify(capEntry(summary(queue.shift()!), rt.store.requestLog.limits)),
              });
            await new Promise<void>((resolve) => {
              wake = resolve;
              setTimeout(resolve, 15_000).unref();
            });
            wake = undefined;
            if (open && queue.length === 0) await stream.writeSSE({ event: 'ping', data: '' });
          }
        }),
    }),
    route({
      method: 'get',
      path: '/logs/:id',
      tag: 'logs',
      summary:
        'One request with its route and every attempt (the request body only when debugLogging was on).',
      response: LogDetailOut,
      errors: { 404: 'No such request.' },
      handler: (c) => {
        fresh();
        const id = c.req.param('id')!;
        const limits = rt.store.requestLog.limits;
        const row = db
          .prepare(
            `SELECT ${listColumns(limits).replace('NULL AS detail', `CASE WHEN length(detail) <= ${detailReadMax(limits)} THEN detail END AS detail, detail IS NOT NULL AS has_detail`)} FROM request_log WHERE id = ?`,
          )
          .get(id) as (Row & { has_detail: number }) | undefined;
        if (!row) throw new ApiError(404, 'No request with that id (the log keeps what it has recorded).');
        // Capped as the writer caps now: rows from before the caps, or under larger ones.
        const detail = capLogDetail(
          row.detail === null && row.has_detail
            ? { steps: [], attempts: [], ...readLargeDetail(db, id, limits) }
            : expandLogDetail(row),
          limits,
        );
        let requestBody: unknown = detail.requestBody;
        if (typeof requestBody === 'string') {
          try {
            requestBody = JSON.parse(requestBody);
          } catch {}
        }
        return c.json({
          ...summary(fromRow(row)),
          route: {
            ...(row.combo ? { combo: row.combo } : {}),
            steps: detail.steps,
            ...(detail.globalFallback ? { globalFallback: detail.globalFallback } : {}),
          },
          attemptsDetail: detail.attempts,
          ...(requestBody !== undefined ? { requestBody } : {}),
        });
      },
    }),
    route({
      method: 'get',
      path: '/models/catalog',
      tag: 'usage',
      summary:
        'Every model name a client can send (as GET /v1/models lists them), grouped by kind: chat, embedding, rerank, image, transcription, speech, moderation.',
      response: z.object({
        kinds: z.record(
          z.string(),
          z.array(z.object({ id: z.string(), ownedBy: z.string(), type: z.string() })),
        ),
      }),
      handler: (c) => {
        const kinds: Record<string, Array<{ id: string; ownedBy: string; type: string }>> = {};
        for (const m of listModels(rt))
          (kinds[m.modelKind] ??= []).push({ id: m.id, ownedBy: m.ownedBy, type: m.kind });
        return c.json({ kinds });
      },
    }),
    route({
      method: 'get',
      path: '/usage',
      tag: 'usage',
      summary:
        'Requests, tokens, units and cost over time. Query: from, to (ms; default the last 7 days), bucket (hour|day), groupBy (provider|model|key|kind).',
      response: UsageOut,
      handler: (c) => {
        fresh();
        const q = c.req.query();
        const to = Number(q.to ?? Date.now());
        const from = Number(q.from ?? to - 7 * 86_400_000);
        const bucket = q.bucket === 'hour' ? 'hour' : 'day';
        const groupBy =
          (['provider', 'model', 'key', 'kind'] as const).find((g) => g === q.groupBy) ?? 'provider';
        if (!Number.isFinite(from) || !Number.isFinite(to) || from > to)
          throw new ApiError(400, '"from" and "to" must be epoch milliseconds with from ≤ to.', 'from');
        const size = BUCKET_MS[bucket];
        const rows = db
          .prepare(
            `SELECT (ts / ${size}) * ${size} AS b, COALESCE(${GROUP_COLUMN[groupBy]}, '(none)') AS g, COUNT(*) AS n,
                    COALESCE(SUM(input_tokens), 0) AS i, COALESCE(SUM(output_tokens), 0) AS o, COALESCE(SUM(cost_usd), 0) AS cost
             FROM request_log WHERE ts >= ? AND ts < ? GROUP BY b, g ORDER BY b, g`,
          )
          .all(from, to) as Array<{ b: number; g: string; n: number; i: number; o: number; cost: number }>;
        const unitRows = db
          .prepare(
            `SELECT (ts / ${size}) * ${size} AS b, COALESCE(${GROUP_COLUMN[groupBy]}, '(none)') AS g, unit AS u, SUM(units) AS n
             FROM request_log WHERE ts >= ? AND ts < ? AND unit IS NOT NULL GROUP BY b, g, u`,
          )
          .all(from, to) as Array<{ b: number; g: string; u: string; n: number }>;
        const unitsOf = new Map<string, Record<string, number>>();
        for (const u of unitRows) {
          const k = `${u.b}\u0000${u.g}`;
          const rec = unitsOf.get(k) ?? {};
          rec[u.u] = u.n;
          unitsOf.set(k, rec);
        }
        const buckets = rows.map((r) => {
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
        const totals = buckets.reduce(
          (t, b) => ({
            requests: t.requests + b.requests,
            inputTokens: t.inputTokens + b.inputTokens,
            outputTokens: t.outputTokens + b.outputTokens,
            costUsd: t.costUsd + b.costUsd,
          }),
          { requests: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
        );
        return c.json({ from, to, bucket, groupBy, buckets, totals });
      },
    }),
    route({
      method: 'post',
      path: '/translate',
      tag: 'translate',
      summary:
        'Translator playground: a request or a (non-streamed) response in one wire format, shown in another. Calls no upstream.',
      body: z
        .object({
          from: z.enum(WIRE_FORMATS),
          to: z.enum(WIRE_FORMATS),
          kind: z.enum(['request', 'response']),
          body: z.unknown(),
          model: z.string().optional(),
        })
        .strict(),
      response: TranslateOut,
      errors: { 400: 'The body is not valid in the "from" format.' },
      handler: async (c, b) => {
        const { codecFor } = await import('../../formats/index.js');
        const { GatewayError } = await import('../../formats/canonical.js');
        try {
          if (b.kind === 'request') {
            const model =
              b.model ??
              (typeof (b.body as { model?: unknown })?.model === 'string'
                ? (b.body as { model: string }).model
                : 'model');
            const canonical = codecFor(b.from).decodeRequest(b.body, { model, stream: false });
            const out = codecFor(b.to).encodeRequest(canonical, {
              model: canonical.model,
              stream: canonical.stream,
            });
            return c.json({
              body: out,
              warnings: (canonical.dropped ?? []).map(
                (f) => `"${f}" cannot be carried to ${b.to} and was dropped`,
              ),
            });
          }
          const canonical = codecFor(b.from).decodeResponse(b.body);
          return c.json({
            body: codecFor(b.to).encodeResponse(canonical, {
              model: canonical.model,
              requestId: 'playground',
            }),
            warnings: [],
          });
        } catch (err) {
          if (err instanceof GatewayError) throw new ApiError(400, err.message, err.param);
          throw new ApiError(400, `Not a valid ${b.from} ${b.kind}: ${(err as Error).message}`);
        }
      },
    }),
  ];
}
