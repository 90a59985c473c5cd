// Gemini CLI logged in with Google: its own OAuth access token on the Code Assist routes
// (`/v1internal:<method>`), forwarded to cloudcode-pa.googleapis.com unchanged. Quotas are per
// model and per day; the CLI asks for them with `retrieveUserQuota`, which we read on the way.
import { bearerOf, onVendorBase, parsedBody, pct, type LoginKind, type PlanWindowReading } from './types.js';

// Built on first use: time-zone data (ICU) is not loaded at start (docs/architecture.md).
let pacificClock: Intl.DateTimeFormat | undefined;

/**
 * Code Assist's daily quotas reset at midnight Pacific time, like the Gemini API's. (On the two
 * days a year the clocks change this is an hour off; the vendor's own reset time wins when given.)
 */
function nextPacificMidnight(now: number): number {
  pacificClock ??= new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/Los_Angeles',
    hourCycle: 'h23',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const p = Object.fromEntries(pacificClock.formatToParts(now).map((x) => [x.type, x.value]));
  const sinceMidnight =
    (Number(p.hour) * 3600 + Number(p.minute) * 60 + Number(p.second)) * 1000 + (now % 1000);
  return now - sinceMidnight + 86_400_000;
}

/** A protobuf Duration as Google sends it: "30s", "1.5s". */
function durationMs(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)s$/.exec(text.trim());
  return m ? Number(m[1]) * 1000 : undefined;
}

/** Longer than this, a retry delay means "come back tomorrow", not "slow down". */
const TERMINAL_DELAY_MS = 300_000;

export const codeAssistLogin: LoginKind = {
  id: 'code-assist',
  name: 'Gemini CLI Google login',
  format: 'gemini',
  defaultBaseUrl: 'https://cloudcode-pa.googleapis.com',
  defaultModels: ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-3-pro-preview'],
  credential(header) {
    const token = bearerOf(header);
    if (!token) return undefined;
    return { secret: token, identitySource: `code-assist:${token}`, label: 'Gemini CLI login' };
  },
  answerHeaders: /^x-cloudaicompanion-/,
  upstreamUrl: onVendorBase,
  readPlan({ status, body }, now) {
    const windows = quotaBuckets(body, now);
    if (status !== 429) return { windows };
    const error = parsedBody(body)?.error as Record<string, unknown> | undefined;
    if (!error || (error.status !== undefined && error.status !== 'RESOURCE_EXHAUSTED')) return { windows };
    let terminal = false;
    let delayMs: number | undefined;
    for (const d of Array.isArray(error.details) ? error.details : []) {
      if (typeof d !== 'object' || d === null) continue;
      const detail = d as Record<string, unknown>;
      const type = String(detail['@type'] ?? '');
      if (type.endsWith('google.rpc.ErrorInfo') && detail.reason === 'QUOTA_EXHAUSTED') terminal = true;
      if (type.endsWith('google.rpc.RetryInfo') && typeof detail.retryDelay === 'string') {
        delayMs = durationMs(detail.retryDelay);
        if (delayMs !== undefined && delayMs > TERMINAL_DELAY_MS) terminal = true;
      }
      if (type.endsWith('google.rpc.QuotaFailure') && Array.isArray(detail.violations))
        for (const v of detail.violations as Array<Record<string, unknown>>)
          if (/per_?day|daily/i.test(`${String(v?.quotaId ?? '')} ${String(v?.quotaMetric ?? '')}`))
            terminal = true;
    }
    if (!terminal) return { windows };
    return {
      windows,
      exhaustedUntil:
        delayMs !== undefined && delayMs > TERMINAL_DELAY_MS ? now + delayMs : nextPacificMidnight(now),
      modelOnly: true,
      reason: 'Gemini Code Assist daily quota exhausted',
    };
  },
};

/**
 * `retrieveUserQuota` answers `{buckets: [{modelId, tokenType, remainingFraction, resetTime}]}`:
 * one daily window per model.
 */
function quotaBuckets(body: unknown, now: number): PlanWindowReading[] {
  const buckets = parsedBody(body)?.buckets;
  if (!Array.isArray(buckets)) return [];
  const out: PlanWindowReading[] = [];
  for (const b of buckets as Array<Record<string, unknown>>) {
    if (typeof b !== 'object' || b === null || typeof b.modelId !== 'string') continue;
    const fraction = typeof b.remainingFraction === 'number' ? b.remainingFraction : undefined;
    if (fraction === undefined) continue;
    const reset = typeof b.resetTime === 'string' ? Date.parse(b.resetTime) : NaN;
    const tokenType =
      typeof b.tokenType === 'string' && b.tokenType !== 'REQUESTS' ? ` ${b.tokenType.toLowerCase()}` : '';
    out.push({
      id: `${b.modelId}${tokenType}`,
      label: `${b.modelId}${tokenType} · day`,
      usedPct: pct((1 - fraction) * 100),
      resetsAt: Number.isFinite(reset) ? reset : nextPacificMidnight(now),
      windowMs: 86_400_000,
    });
  }
  return out;
}
