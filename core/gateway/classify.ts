import type { GatewayErrorInfo } from '../formats/canonical.js';

/**
 * Whether another account or combo step may succeed where this one failed. Failures caused
 * by the request itself (400, 404, 413, 422) would fail everywhere: they go back to the caller.
 */
export function isRetryable(e: GatewayErrorInfo & { transport?: string }): boolean {
  if (e.transport === 'aborted') return false;
  if (e.transport) return true;
  if (e.status === 408 || e.status === 429 || e.status >= 500) return true;
  if (e.status === 401 || e.status === 403) return true; // this account's key or plan, not the request
  if (e.kind === 'quota_exhausted' || e.kind === 'rate_limit') return true;
  return false;
}

/** Seconds from Retry-After (seconds or HTTP date) or the reset headers providers send. */
export function retryAfterSeconds(
  headers: Record<string, string | string[] | undefined>,
  now = Date.now(),
): number | undefined {
  const h = (k: string) => {
    const v = headers[k];
    return Array.isArray(v) ? v[0] : v;
  };
  const ra = h('retry-after');
  if (ra) {
    const n = Number(ra);
    if (Number.isFinite(n)) return Math.max(0, n);
    const d = Date.parse(ra);
    if (Number.isFinite(d)) return Math.max(0, Math.round((d - now) / 1000));
  }
  const ms = h('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Number(ms) / 1000;
  return undefined;
}
