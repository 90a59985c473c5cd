import type { ReasoningEffort } from '../canonical.js';

/**
 * Effort → Anthropic `budget_tokens`, for callers that speak in efforts (OpenAI
 * `reasoning_effort`, Responses `reasoning.effort`). 1024 is the API minimum; 4000/10000/31999
 * are the budgets Claude Code itself uses for "think", "think hard" and "ultrathink".
 * Documented in docs/formats/openai-chat-anthropic.md.
 */
export const BUDGET_FOR_EFFORT: Record<Exclude<ReasoningEffort, 'none'>, number> = {
  minimal: 1024,
  low: 4000,
  medium: 10000,
  high: 16000,
  xhigh: 24000,
  max: 31999,
};

export const MIN_THINKING_BUDGET = 1024;

/** Without thinking; Anthropic requires max_tokens, OpenAI callers rarely send it. */
export const DEFAULT_MAX_TOKENS = 8192;

/**
 * With thinking, max_tokens must exceed the budget and leave room for the answer. 32000 is the
 * output limit of the smallest current model that thinks (Opus 4.1) and fits every budget in
 * the table but `max`.
 */
export function defaultMaxTokensWithThinking(budget: number): number {
  return Math.max(32000, budget + 4096);
}

/** Anthropic's `output_config.effort` scale has no `minimal`. */
export function anthropicEffort(
  effort: ReasoningEffort,
): 'low' | 'medium' | 'high' | 'xhigh' | 'max' | undefined {
  if (effort === 'none') return undefined;
  if (effort === 'minimal') return 'low';
  return effort;
}
