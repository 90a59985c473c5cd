import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import { z } from 'zod';
import type { Runtime } from '../../runtime/runtime.js';
import { capEntry, type RequestLogEntry } from '../../store/request-log.js';
import type { LoggedAttempt } from '../../store/log-detail.js';
import { logEntries, logEntryWithDetail, withoutDetail, type LogFilter } from '../../store/log-queries.js';
import { ApiError, routeGroup, type ApiRoute } from './route-table.js';

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

/**
 * GET /api/logs's query, as a client builds it (numbers are sent as their decimal text). Read
 * by hand, not validated: a bad limit falls back to 100 rather than failing the page.
 */
export const LogQueryIn = z.object({
  limit: z.number().optional().describe('Rows per page (1–500, default 100).'),
  before: z.number().optional().describe('Rows before this ts (ms).'),
  beforeId: z.string().optional().describe('With before: rows at that ts with a smaller id too.'),
  status: z.string().optional().describe('ok, error or a three-digit status code.'),
  provider: z.string().optional(),
  kind: z.string().optional(),
  model: z.string().optional().describe('As asked for or as sent upstream.'),
  apiKeyId: z.string().optional(),
  q: z.string().optional().describe('Text in the requested model or the error.'),
});
type LogQueryText = { [K in keyof z.output<typeof LogQueryIn>]?: string };

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

/**
 * Most bytes of one /api/logs page. Rows are bounded (log-caps.ts), but 500 of them with long
 * error texts are not: a page of 48 MB once took the gateway from 250 to 562 MB.
 */
export const LOG_PAGE_MAX_BYTES = 2 * 1024 * 1024;

/** Query parameters of the next page: these ones, with before and beforeId moved on. */
function nextPageQuery(q: Record<string, string>, last: { ts: number; id: string }): string {
  const p = new URLSearchParams(q);
  p.set('before', String(last.ts));
  p.set('beforeId', last.id);
  return `/api/logs?${p}`;
}

/** One page of the log as JSON (LogPageOut), at most `limit` rows and LOG_PAGE_MAX_BYTES. */
function logPageJson(rt: Runtime, q: Record<string, string>, filter: LogFilter, limit: number): string {
  // Serialised row by row and read only as far as the page goes: its bytes are known
  // exactly, and rows past the bound are never loaded.
  const parts: string[] = [];
  let bytes = 0;
  let last: { ts: number; id: string } | undefined;
  let more = false;
  let truncated = false;
  for (const e of logEntries(rt.store.db, rt.store.requestLog.limits, filter, limit + 1)) {
    if (parts.length === limit) {
      more = true;
      break;
    }
    const json = JSON.stringify(e);
    const size = Buffer.byteLength(json) + 1;
    if (parts.length > 0 && bytes + size > LOG_PAGE_MAX_BYTES) {
      more = truncated = true;
      break;
    }
    parts.push(json);
    bytes += size;
    last = { ts: e.ts, id: e.id };
  }
  const tail = {
    nextBefore: more && last ? last.ts : null,
    nextBeforeId: more && last ? last.id : null,
    next: more && last ? nextPageQuery(q, last) : null,
    truncated,
    maxBytes: LOG_PAGE_MAX_BYTES,
  };
  return `{"items":[${parts.join(',')}],${JSON.stringify(tail).slice(1)}`;
}

/** Each finished request as `event: log`, a ping after 15 quiet seconds, until the client goes. */
async function liveTail(rt: Runtime, stream: SSEStreamingApi): Promise<void> {
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
        data: JSON.stringify(capEntry(withoutDetail(queue.shift()!), rt.store.requestLog.limits)),
      });
    await new Promise<void>((resolve) => {
      wake = resolve;
      setTimeout(resolve, 15_000).unref();
    });
    wake = undefined;
    if (open && queue.length === 0) await stream.writeSSE({ event: 'ping', data: '' });
  }
}

/** The request log: pages of it, its live tail, and one request in detail. */
export function logRoutes(rt: Runtime): ApiRoute[] {
  const db = rt.store.db;
  // The log writer batches; a reader must see what was already answered.
  const fresh = () => rt.store.requestLog.flush();
  return routeGroup('logs', (r) => [
    r.get('/logs', {
      summary:
        'Request log, newest first, without bodies. Query: limit (≤500), before (ts) and beforeId (id) to page back, status (ok|error|<code>), provider, kind (chat|embedding|rerank|image|transcription|speech|moderation), model, apiKeyId, q (text in model or error). A page also stops at 2 MB: then `truncated` is true; `next` is the next page either way.',
      response: LogPageOut,
      handler: (c) => {
        fresh();
        const q: LogQueryText & Record<string, string> = c.req.query();
        const limit = Math.min(500, Math.max(1, Number(q.limit ?? 100) || 100));
        const { beforeId, status, provider, kind, model, apiKeyId, q: text } = q;
        const filter: LogFilter = { beforeId, status, provider, kind, model, apiKeyId, q: text };
        if (q.before) {
          filter.before = Number(q.before);
          if (!Number.isFinite(filter.before))
            throw new ApiError(400, '"before" must be epoch milliseconds.', 'before');
        }
        return c.body(logPageJson(rt, q, filter, limit), 200, {
          'content-type': 'application/json; charset=UTF-8',
        });
      },
    }),
    r.get('/logs/stream', {
      summary:
        'Live tail (Server-Sent Events): `event: log` with a log entry per finished request; `event: ping` every 15 s.',
      handler: (c) => streamSSE(c, (stream) => liveTail(rt, stream)),
    }),
    r.get('/logs/:id', {
      summary:
        'One request with its route and every attempt (the request body only when debugLogging was on).',
      response: LogDetailOut,
      errors: { 404: 'No such request.' },
      handler: (c) => {
        fresh();
        const id = c.req.param('id');
        const found = logEntryWithDetail(db, rt.store.requestLog.limits, id);
        if (!found) throw new ApiError(404, 'No request with that id (the log keeps what it has recorded).');
        const { entry, detail } = found;
        let requestBody: unknown = detail.requestBody;
        if (typeof requestBody === 'string') {
          try {
            requestBody = JSON.parse(requestBody);
          } catch {}
        }
        return c.json({
          ...entry,
          route: {
            ...(entry.combo ? { combo: entry.combo } : {}),
            steps: detail.steps,
            ...(detail.globalFallback ? { globalFallback: detail.globalFallback } : {}),
          },
          attemptsDetail: detail.attempts,
          ...(requestBody !== undefined ? { requestBody } : {}),
        });
      },
    }),
  ]);
}
