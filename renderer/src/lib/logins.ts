import type { LoginKindId } from '../api/types';

/**
 * What the core uses for a login provider when nothing else is configured
 * (core/providers/login/{anthropic,chatgpt,code-assist}.ts): the vendor's host and the provider's
 * display name. Shown as placeholders; a body that sends them back would pin them.
 */
export const LOGIN_DEFAULTS: Record<LoginKindId, { baseUrl: string; name: string; id: string }> = {
  anthropic: { baseUrl: 'https://api.anthropic.com', name: 'Claude Code login', id: 'claude-login' },
  chatgpt: {
    baseUrl: 'https://chatgpt.com/backend-api/codex',
    name: 'Codex ChatGPT login',
    id: 'codex-login',
  },
  'code-assist': {
    baseUrl: 'https://cloudcode-pa.googleapis.com',
    name: 'Gemini CLI Google login',
    id: 'gemini-login',
  },
};

/**
 * The core's English window labels (core/providers/login/*.ts) → translation keys under
 * `plans.window`; any other label (a Gemini model's day, "3 h") is shown as the vendor gave it.
 */
const WINDOW_KEYS: Record<string, string> = {
  '5 h': 'fiveHours',
  weekly: 'weekly',
  'weekly Opus': 'weeklyOpus',
  'weekly Sonnet': 'weeklySonnet',
  'weekly (other)': 'weeklyOther',
  'extra usage': 'extraUsage',
};

export function planWindowLabel(label: string, t: (key: string) => string): string {
  const key = WINDOW_KEYS[label];
  return key ? t(`plans.window.${key}`) : label;
}

/** The meter colour of a plan window (the budget bars' levels). */
export function planMeterLevel(level: 'ok' | 'warning' | 'exhausted'): 'ok' | 'warn' | 'over' {
  return level === 'exhausted' ? 'over' : level === 'warning' ? 'warn' : 'ok';
}

/**
 * The locale for times: the browser's own when it is a variant of the UI language (UI "en" with
 * an en-GB browser gives 24-hour times), else the UI language.
 */
export function timeLocale(lang: string): string {
  const base = lang.toLowerCase().split('-')[0];
  const langs = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return langs.find((l) => l.toLowerCase().split('-')[0] === base) ?? lang;
}

/**
 * A clock time in the user's locale: "14:32" today, "Mon 14:32" within the week, "12 Mar 14:32"
 * further away.
 */
export function fmtClock(ms: number, lang: string, now = Date.now()): string {
  const d = new Date(ms);
  const sameDay = d.toDateString() === new Date(now).toDateString();
  const time: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
  const opts: Intl.DateTimeFormatOptions = sameDay
    ? time
    : Math.abs(ms - now) < 6 * 86_400_000
      ? { weekday: 'short', ...time }
      : { day: 'numeric', month: 'short', ...time };
  return new Intl.DateTimeFormat(timeLocale(lang), opts).format(d);
}
