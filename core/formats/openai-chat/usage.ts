import type { Usage } from '../canonical.js';
import type { UsageReader } from '../codec.js';
import { finiteNumber as num, isRecord } from '../json.js';

/**
 * OpenAI `usage` → canonical. `prompt_tokens` already includes cached tokens, which is the
 * canonical convention. Reasoning tokens are normally inside `completion_tokens`, but xAI
 * reports them beside it (total = prompt + completion + reasoning): detect that from the total
 * so canonical `outputTokens` always includes reasoning.
 */
export function decodeChatUsage(raw: unknown): Usage | undefined {
  if (!isRecord(raw)) return undefined;
  const prompt = num(raw.prompt_tokens) ?? 0;
  const completion = num(raw.completion_tokens) ?? 0;
  const total = num(raw.total_tokens);
  const promptDetails = isRecord(raw.prompt_tokens_details) ? raw.prompt_tokens_details : {};
  const completionDetails = isRecord(raw.completion_tokens_details) ? raw.completion_tokens_details : {};
  // DeepSeek also reports prompt_cache_hit_tokens; OpenRouter reports cache_write_tokens.
  const cached = num(promptDetails.cached_tokens) ?? num(raw.prompt_cache_hit_tokens);
  const cacheWrite = num(promptDetails.cache_write_tokens);
  const reasoning = num(completionDetails.reasoning_tokens);

  const reasoningOutside =
    reasoning !== undefined &&
    reasoning > 0 &&
    total !== undefined &&
    total === prompt + completion + reasoning;
  const usage: Usage = {
    inputTokens: prompt,
    outputTokens: reasoningOutside ? completion + reasoning : completion,
  };
  if (cached !== undefined) usage.cachedInputTokens = cached;
  if (cacheWrite !== undefined) usage.cacheCreationInputTokens = cacheWrite;
  if (reasoning !== undefined) usage.reasoningTokens = reasoning;
  return usage;
}

/** Canonical → OpenAI `usage` (reasoning stays inside completion_tokens, OpenAI's own convention). */
export function encodeChatUsage(usage: Partial<Usage>): Record<string, unknown> {
  const prompt = usage.inputTokens ?? 0;
  const completion = usage.outputTokens ?? 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens ?? 0 },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
  };
}

export const chatUsageReader: UsageReader = {
  key: '"usage"',
  // With stream_options.include_usage the stream ends with a chunk of `"choices": []` and usage.
  usageOnlyEventKey: '"choices"',
  streamUsageOption: { field: 'stream_options', flag: 'include_usage' },
  decode: (raw) => decodeChatUsage(raw),
  fromMessage: (message) => (isRecord(message) ? decodeChatUsage(message.usage) : undefined),
};
