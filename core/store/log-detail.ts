import type { RequestLogEntry } from './request-log.js';

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
