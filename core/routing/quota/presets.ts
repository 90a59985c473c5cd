import type { QuotaWindow } from './windows.js';

/** A connection's quota as configured: a preset, explicit windows, or both (windows override by id). */
export interface QuotaConfig {
  preset?: string;
  windows?: QuotaWindow[];
}

/**
 * Quota presets for subscription accounts. The limits are approximate public figures at the
 * time of writing, chosen so the dashboard shows something sensible before the user edits them;
 * providers change plans often and several publish only ranges. Everything here is plain data:
 * the user's own windows replace a preset's wholesale or per window id (see presetWindows).
 */
export interface QuotaPreset {
  id: string;
  label: string;
  /** The built-in provider id this preset is usually attached to (a hint for the dashboard). */
  provider: string;
  windows: QuotaWindow[];
  /** Where the figures come from and what to check. */
  notes: string;
}

const HOUR = 3_600_000;

export const QUOTA_PRESETS: readonly QuotaPreset[] = [
  {
    id: 'claude-pro',
    label: 'Claude Pro',
    provider: 'anthropic',
    windows: [
      { id: '5h', kind: 'rolling', durationMs: 5 * HOUR, unit: 'requests', limit: 45 },
      { id: 'weekly', kind: 'weekly', weekday: 1, hour: 0, timeZone: 'UTC', unit: 'requests', limit: 900 },
    ],
    notes:
      'Anthropic quotes "at least 45 messages every 5 hours" for Pro; the weekly cap (since Aug 2025) is ' +
      'stated in hours of use and resets at an account-specific time shown in Claude settings: set weekday/hour to match.',
  },
  {
    id: 'codex',
    label: 'Codex (ChatGPT Plus)',
    provider: 'openai',
    windows: [
      { id: '5h', kind: 'rolling', durationMs: 5 * HOUR, unit: 'requests', limit: 45 },
      { id: 'weekly', kind: 'weekly', weekday: 1, hour: 0, timeZone: 'UTC', unit: 'requests', limit: 450 },
    ],
    notes:
      'OpenAI publishes a range of local messages per 5 hours for Plus plus a weekly cap; the low end is used. ' +
      'The weekly reset is account-specific (shown by `codex /status`).',
  },
  {
    id: 'gemini-cli',
    label: 'Gemini CLI (Google account)',
    provider: 'gemini',
    windows: [
      { id: 'daily', kind: 'daily', hour: 0, timeZone: 'America/Los_Angeles', unit: 'requests', limit: 1000 },
    ],
    notes:
      'Free tier with a Google login: 1,000 requests per day (and 60 per minute), reset at midnight Pacific.',
  },
  {
    id: 'copilot',
    label: 'GitHub Copilot Pro',
    provider: 'copilot',
    windows: [
      { id: 'monthly', kind: 'monthly', day: 1, hour: 0, timeZone: 'UTC', unit: 'requests', limit: 300 },
    ],
    notes: 'Premium requests: 300 a month on Pro, counters reset on the 1st at 00:00 UTC.',
  },
  {
    id: 'glm',
    label: 'GLM Coding Plan',
    provider: 'glm',
    windows: [
      { id: 'daily', kind: 'daily', hour: 10, timeZone: 'Asia/Shanghai', unit: 'requests', limit: 600 },
    ],
    notes:
      'Modelled as a daily window resetting at 10:00 China Standard Time; Zhipu quotes about 120 prompts per ' +
      '5 hours on Lite, hence 600 a day. Add a 5 h rolling window if your plan enforces one.',
  },
  {
    id: 'minimax',
    label: 'MiniMax Coding Plan',
    provider: 'minimax',
    windows: [{ id: '5h', kind: 'rolling', durationMs: 5 * HOUR, unit: 'requests', limit: 100 }],
    notes: 'Starter plan: 100 prompts every 5 hours.',
  },
];

export function quotaPreset(id: string): QuotaPreset | undefined {
  return QUOTA_PRESETS.find((p) => p.id === id);
}

/**
 * A preset's windows with the user's changes: each override replaces the preset window with
 * the same id field by field (e.g. `{ id: 'weekly', hour: 18 }`), or adds a window.
 */
export function presetWindows(
  id: string,
  overrides: Array<Partial<QuotaWindow> & { id: string }> = [],
): QuotaWindow[] {
  const preset = quotaPreset(id);
  if (!preset) throw new Error(`unknown quota preset "${id}"`);
  const out = preset.windows.map((w) => ({ ...w }) as QuotaWindow);
  for (const o of overrides) {
    const i = out.findIndex((w) => w.id === o.id);
    if (i >= 0) out[i] = { ...out[i], ...o } as QuotaWindow;
    else out.push(o as QuotaWindow);
  }
  return out;
}
