import type { ReasoningConfig, ReasoningEffort } from '../canonical.js';

export interface ThinkingConfig {
  thinkingBudget?: number;
  includeThoughts?: boolean;
  thinkingLevel?: string;
}

/**
 * effort → Gemini. Gemini 3 takes a `thinkingLevel` (Pro knows only low/high, and cannot turn
 * thinking off); Gemini 2.5 takes a token `thinkingBudget` (0 = off, -1 = dynamic).
 *
 * | effort         | Gemini 3 thinkingLevel | Gemini 2.5 thinkingBudget |
 * |----------------|------------------------|---------------------------|
 * | none           | low                    | 0 (128 on 2.5 Pro)        |
 * | minimal        | low                    | 512                       |
 * | low            | low                    | 1024                      |
 * | medium         | high                   | 8192                      |
 * | high           | high                   | 24576                     |
 * | xhigh, max     | high                   | 32768                     |
 */
export const EFFORT_TABLE: Record<ReasoningEffort, { level: 'low' | 'high'; budget: number }> = {
  none: { level: 'low', budget: 0 },
  minimal: { level: 'low', budget: 512 },
  low: { level: 'low', budget: 1024 },
  medium: { level: 'high', budget: 8192 },
  high: { level: 'high', budget: 24576 },
  xhigh: { level: 'high', budget: 32768 },
  max: { level: 'high', budget: 32768 },
};

function usesThinkingLevel(model: string): boolean {
  return Number(/gemini-(\d+)/.exec(model)?.[1] ?? 0) >= 3;
}

export function encodeThinking(
  reasoning: ReasoningConfig | undefined,
  model: string,
): ThinkingConfig | undefined {
  if (!reasoning) return undefined;
  const config: ThinkingConfig = {};
  const level = usesThinkingLevel(model);
  const proCannotDisable = /gemini-2\.5-pro/.test(model);
  if (reasoning.enabled === false) {
    if (level) config.thinkingLevel = 'low';
    else config.thinkingBudget = proCannotDisable ? 128 : 0;
    return config;
  }
  if (reasoning.budgetTokens != null) {
    // An explicit budget is the caller's own number: Gemini 3 still honours thinkingBudget.
    config.thinkingBudget = reasoning.budgetTokens;
  } else if (reasoning.effort) {
    const row = EFFORT_TABLE[reasoning.effort];
    if (level) config.thinkingLevel = row.level;
    else config.thinkingBudget = row.budget === 0 && proCannotDisable ? 128 : row.budget;
  } else if (reasoning.adaptive && !level) {
    config.thinkingBudget = -1;
  }
  const wantsThoughts =
    reasoning.includeThoughts ?? (reasoning.summary !== undefined ? reasoning.summary !== 'none' : true);
  if (wantsThoughts && (config.thinkingBudget ?? 1) !== 0) config.includeThoughts = true;
  return Object.keys(config).length ? config : undefined;
}

export function decodeThinking(config: ThinkingConfig | undefined): ReasoningConfig | undefined {
  if (!config) return undefined;
  const out: ReasoningConfig = {};
  if (config.thinkingBudget === 0) out.enabled = false;
  else if (config.thinkingBudget === -1) out.adaptive = true;
  else if (config.thinkingBudget != null) out.budgetTokens = config.thinkingBudget;
  if (config.thinkingLevel) {
    const level = config.thinkingLevel.toLowerCase();
    if (level === 'minimal' || level === 'low' || level === 'medium' || level === 'high') out.effort = level;
  }
  if (config.includeThoughts != null) out.includeThoughts = config.includeThoughts;
  return Object.keys(out).length ? out : undefined;
}
