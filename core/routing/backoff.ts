import { systemRandom, type Random } from './clock.js';

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(maxMs, baseMs·2^attempt)).
 * Full jitter (rather than ± a fraction) spreads retries of many clients that failed together
 * the most evenly. `attempt` counts from 0 (the first retry).
 */
export function backoffMs(
  attempt: number,
  { baseMs, maxMs }: BackoffOptions,
  random: Random = systemRandom,
): number {
  return Math.floor(random() * backoffCeiling(attempt, { baseMs, maxMs }));
}

/** The upper bound backoffMs draws under (exclusive); useful for tests and for UI hints. */
export function backoffCeiling(attempt: number, { baseMs, maxMs }: BackoffOptions): number {
  const n = Math.max(0, Math.floor(Number.isFinite(attempt) ? attempt : 0));
  // 2^n overflows to Infinity for huge n; Math.min keeps the cap.
  return Math.max(0, Math.min(maxMs, baseMs * 2 ** n));
}
