// Codex CLI logged in with ChatGPT: its ChatGPT access token and account id, forwarded to the
// Codex backend (the route Codex itself uses). Quota: the `x-codex-{primary,secondary}-*` headers.
import {
  bearerOf,
  headerOf,
  numberOf,
  onVendorBase,
  parsedBody,
  pct,
  type LoginKind,
  type PlanWindowReading,
} from './types.js';

function windowLabel(minutes: number | undefined, fallback: string): string {
  if (minutes === undefined) return fallback;
  if (minutes === 300) return '5 h';
  if (minutes === 10_080) return 'weekly';
  if (minutes % 1440 === 0) return `${minutes / 1440} d`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

export const chatgptLogin: LoginKind = {
  id: 'chatgpt',
  name: 'Codex ChatGPT login',
  format: 'openai-responses',
  defaultBaseUrl: 'https://chatgpt.com/backend-api/codex',
  defaultModels: ['gpt-5.5', 'gpt-5.4', 'gpt-5.3-codex', 'gpt-5.4-mini'],
  credential(header) {
    const token = bearerOf(header);
    const account = header('chatgpt-account-id');
    if (!token || !account) return undefined;
    // The account id is not a secret and outlives the hourly token: it names the plan's windows.
    return {
      secret: token,
      identitySource: `chatgpt:${account}`,
      label: `ChatGPT login · ${account.length > 12 ? `${account.slice(0, 8)}…` : account}`,
    };
  },
  answerHeaders: /^(x-codex-|openai-)/,
  // `/v1/responses` → `<base>/responses`; `/v1/models?client_version=…` → `<base>/models?…`.
  upstreamUrl: (base, callerUrl) => onVendorBase(base, callerUrl.replace(/^\/v1(?=\/)/, '')),
  readPlan({ status, headers, body }, now) {
    const windows: PlanWindowReading[] = [];
    for (const id of ['primary', 'secondary']) {
      const used = numberOf(headerOf(headers, `x-codex-${id}-used-percent`));
      if (used === undefined) continue;
      const minutes = numberOf(headerOf(headers, `x-codex-${id}-window-minutes`));
      const resetAt = numberOf(headerOf(headers, `x-codex-${id}-reset-at`));
      const after = numberOf(headerOf(headers, `x-codex-${id}-reset-after-seconds`));
      const w: PlanWindowReading = {
        id,
        label: windowLabel(minutes, id),
        usedPct: pct(used),
      };
      if (resetAt !== undefined) w.resetsAt = resetAt * 1000;
      else if (after !== undefined) w.resetsAt = now + after * 1000;
      if (minutes !== undefined) w.windowMs = minutes * 60_000;
      windows.push(w);
    }
    if (status !== 429) return { windows };
    const error = parsedBody(body)?.error as Record<string, unknown> | undefined;
    if (error?.type !== 'usage_limit_reached' && error?.code !== 'usage_limit_reached') return { windows };
    const resetsAt = typeof error.resets_at === 'number' ? error.resets_at * 1000 : undefined;
    const inSec =
      typeof error.resets_in_seconds === 'number' ? now + error.resets_in_seconds * 1000 : undefined;
    const plan = typeof error.plan_type === 'string' ? ` (${error.plan_type})` : '';
    return {
      windows,
      exhaustedUntil: resetsAt ?? inSec ?? now + 3_600_000,
      reason: `ChatGPT plan usage limit reached${plan}`,
    };
  },
};
