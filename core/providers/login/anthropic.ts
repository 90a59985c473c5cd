// Claude Code logged in with /login (Pro, Max, Team): its own OAuth access token, forwarded
// to api.anthropic.com unchanged. Quota: the `anthropic-ratelimit-unified-*` headers.
import {
  bearerOf,
  headerOf,
  numberOf,
  onVendorBase,
  pct,
  type LoginKind,
  type PlanWindowReading,
} from './types.js';

/** The beta flag Claude Code sends with its OAuth token; only Anthropic's own API accepts it. */
export const OAUTH_BETA = 'oauth-2025-04-20';

/** `anthropic-beta` without the OAuth flag: for Anthropic-format steps that use an API key. */
export function withoutOauthBeta(beta: string): string {
  if (!beta.includes(OAUTH_BETA)) return beta;
  return beta
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b && b !== OAUTH_BETA)
    .join(',');
}

const WINDOW_LABELS: Record<string, string> = {
  '5h': '5 h',
  '7d': 'weekly',
  '7d_opus': 'weekly Opus',
  '7d_sonnet': 'weekly Sonnet',
  '7d_oi': 'weekly (other)',
  overage: 'extra usage',
};
const WINDOW_MS: Record<string, number> = { '5h': 5 * 3_600_000 };
const UNIFIED = /^anthropic-ratelimit-unified-(.+)-(utilization|reset|status)$/;

export const anthropicLogin: LoginKind = {
  id: 'anthropic',
  name: 'Claude Code login',
  format: 'anthropic',
  defaultBaseUrl: 'https://api.anthropic.com',
  defaultModels: ['claude-sonnet-4-6', 'claude-opus-4-7', 'claude-haiku-4-5'],
  credential(header) {
    const token = bearerOf(header);
    if (!token || !token.startsWith('sk-ant-oat')) return undefined;
    // The beta flag is what makes Anthropic accept the token: without it this is not Claude Code's login.
    const beta = header('anthropic-beta') ?? '';
    if (!beta.split(',').some((b) => b.trim() === OAUTH_BETA)) return undefined;
    return { secret: token, identitySource: `anthropic:${token}`, label: 'Claude Code login' };
  },
  answerHeaders: /^(anthropic-ratelimit-|request-id$)/,
  // Same path and query (`/v1/messages?beta=true`) on the vendor's host.
  upstreamUrl: onVendorBase,
  readPlan({ status, headers }, now) {
    const byId = new Map<string, PlanWindowReading>();
    for (const name in headers) {
      const m = UNIFIED.exec(name);
      if (!m) continue;
      const id = m[1]!;
      const w = byId.get(id) ?? { id, label: WINDOW_LABELS[id] ?? id, usedPct: 0 };
      const v = headerOf(headers, name);
      if (m[2] === 'utilization') {
        const f = numberOf(v);
        if (f !== undefined) w.usedPct = pct(f * 100);
      } else if (m[2] === 'reset') {
        const s = numberOf(v);
        if (s !== undefined) w.resetsAt = s * 1000;
      } else if (v) w.status = v;
      if (WINDOW_MS[id]) w.windowMs = WINDOW_MS[id];
      else if (id.startsWith('7d')) w.windowMs = 7 * 86_400_000;
      byId.set(id, w);
    }
    // A window the vendor rejects is used up, whatever its utilization says.
    for (const w of byId.values()) if (w.status === 'rejected') w.usedPct = 100;
    const windows = [...byId.values()];
    if (status !== 429) return { windows };
    const unified = headerOf(headers, 'anthropic-ratelimit-unified-status');
    const rejected = windows.filter((w) => w.status === 'rejected');
    if (unified !== 'rejected' && rejected.length === 0) return { windows };
    // Wait for the latest reset among the rejected windows (all must reopen).
    let until = numberOf(headerOf(headers, 'anthropic-ratelimit-unified-reset'));
    let untilMs = until !== undefined ? until * 1000 : undefined;
    for (const w of rejected) if (w.resetsAt && (!untilMs || w.resetsAt > untilMs)) untilMs = w.resetsAt;
    const claim = headerOf(headers, 'anthropic-ratelimit-unified-representative-claim');
    until = untilMs ?? now + 3_600_000;
    return {
      windows,
      exhaustedUntil: until,
      reason: `Claude plan window exhausted${claim ? ` (${claim})` : ''}`,
    };
  },
};
