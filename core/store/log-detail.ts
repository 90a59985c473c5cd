import { capBytes, capChars, capName, NAME_MAX_CHARS, type LogLimits } from './log-caps.js';
import type { RequestLogEntry } from './log-entry.js';

/** One attempt as the log detail lists it (the gateway's AttemptRecord). */
export interface LoggedAttempt {
  providerId: string;
  connectionId?: string;
  upstreamModel: string;
  /** The combo step (or the model as asked) this attempt came from. */
  step: string;
  status: number;
  error?: string;
  /** Skipped without a request (circuit open, locked out, rate limited, over budget). */
  skipped?: string;
  latencyMs: number;
  ttfbMs?: number;
}

export interface LogDetail {
  steps: string[];
  attempts: LoggedAttempt[];
  shared?: { via: string; from: string };
  requestBody?: string;
  /** The global fallback combo that served this request (settings.globalFallback). */
  globalFallback?: string;
}

/**
 * Whether the row's own columns say everything this attempt record says, timings aside: then the
 * row is stored without a detail, and `expandLogDetail` gives the attempt back with the request's
 * latency and time to first byte (which differ from the attempt's by the gateway's own overhead).
 */
export function isRowAttempt(a: LoggedAttempt, e: RequestLogEntry): boolean {
  return (
    a.skipped === undefined &&
    a.providerId === e.providerId &&
    a.connectionId === e.connectionId &&
    a.upstreamModel === e.upstreamModel &&
    a.step === e.requestedModel &&
    a.status === e.status &&
    a.error === e.error
  );
}

/**
 * The detail as it is stored: the request body cut to `bodyMaxBytes`, every attempt's error to
 * `errorMaxChars`, names to NAME_MAX_CHARS, each with a marker. Copies only what it cuts; the
 * common detail (short errors, no body) comes back as it is, after a few length checks.
 */
export function capLogDetail<T>(detail: T, limits: LogLimits): T {
  if (!detail || typeof detail !== 'object') return detail;
  const d = detail as Partial<LogDetail>;
  let out: Partial<LogDetail> | undefined;
  if (typeof d.requestBody === 'string') {
    const body = capBytes(d.requestBody, limits.bodyMaxBytes);
    if (body !== d.requestBody) (out ??= { ...d }).requestBody = body;
  }
  if (Array.isArray(d.steps) && d.steps.some((s) => typeof s === 'string' && s.length > NAME_MAX_CHARS))
    (out ??= { ...d }).steps = d.steps.map(capName);
  if (Array.isArray(d.attempts)) {
    let attempts: LoggedAttempt[] | undefined;
    d.attempts.forEach((a, i) => {
      const c = capAttempt(a, limits);
      if (c !== a) (attempts ??= [...d.attempts!])[i] = c;
    });
    if (attempts) (out ??= { ...d }).attempts = attempts;
  }
  return (out ?? d) as T;
}

function capAttempt(a: LoggedAttempt, limits: LogLimits): LoggedAttempt {
  if (!a || typeof a !== 'object') return a;
  const max = limits.errorMaxChars;
  const long = (s: unknown, n: number) => typeof s === 'string' && s.length > n;
  if (
    !long(a.error, max) &&
    !long(a.skipped, max) &&
    !long(a.step, NAME_MAX_CHARS) &&
    !long(a.upstreamModel, NAME_MAX_CHARS) &&
    !long(a.providerId, NAME_MAX_CHARS) &&
    !long(a.connectionId, NAME_MAX_CHARS)
  )
    return a;
  const c: LoggedAttempt = {
    ...a,
    providerId: capName(a.providerId),
    upstreamModel: capName(a.upstreamModel),
    step: capName(a.step),
  };
  if (a.connectionId !== undefined) c.connectionId = capName(a.connectionId);
  if (typeof a.error === 'string') c.error = capChars(a.error, max);
  if (typeof a.skipped === 'string') c.skipped = capChars(a.skipped, max);
  return c;
}

/** The stored columns `expandLogDetail` reads. */
export interface LogRowColumns {
  requested_model: string | null;
  provider_id: string | null;
  connection_id: string | null;
  upstream_model: string | null;
  status: number;
  latency_ms: number | null;
  ttfb_ms: number | null;
  error: string | null;
  detail: string | null;
}

/** A row's detail: the stored JSON, or the one direct attempt its columns describe. */
export function expandLogDetail(row: LogRowColumns): LogDetail {
  if (row.detail) {
    const d = JSON.parse(row.detail) as Partial<LogDetail>;
    return { ...d, steps: d.steps ?? [], attempts: d.attempts ?? [] };
  }
  // Only a row that was served is stored without a detail; this guards hand-made rows.
  if (!row.provider_id || !row.upstream_model) return { steps: [], attempts: [] };
  const attempt: LoggedAttempt = {
    providerId: row.provider_id,
    upstreamModel: row.upstream_model,
    step: row.requested_model ?? `${row.provider_id}/${row.upstream_model}`,
    status: row.status,
    latencyMs: row.latency_ms ?? 0,
  };
  if (row.connection_id !== null) attempt.connectionId = row.connection_id;
  if (row.ttfb_ms !== null) attempt.ttfbMs = row.ttfb_ms;
  if (row.error !== null) attempt.error = row.error;
  return { steps: [`${row.provider_id}/${row.upstream_model}`], attempts: [attempt] };
}
