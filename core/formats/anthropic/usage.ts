import type { Usage } from '../canonical.js';
import type { UsageReader } from '../codec.js';
import { finiteNumber as num, isRecord } from '../json.js';

/**
 * Anthropic usage → canonical. Anthropic's `input_tokens` EXCLUDES cache reads and writes;
 * canonical input includes them. `previous` supplies the cache fields when a message_delta
 * omits them (they are cumulative, never added).
 */
export function decodeAnthropicUsage(raw: unknown, previous?: Partial<Usage>): Usage | undefined {
  if (!isRecord(raw)) return undefined;
  const input = num(raw.input_tokens);
  const cacheRead = num(raw.cache_read_input_tokens) ?? previous?.cachedInputTokens;
  const cacheWrite = num(raw.cache_creation_input_tokens) ?? previous?.cacheCreationInputTokens;
  const details = isRecord(raw.output_tokens_details) ? raw.output_tokens_details : {};
  const thinking = num(details.thinking_tokens);
  const usage: Usage = {
    inputTokens:
      input !== undefined ? input + (cacheRead ?? 0) + (cacheWrite ?? 0) : (previous?.inputTokens ?? 0),
    outputTokens: num(raw.output_tokens) ?? previous?.outputTokens ?? 0,
  };
  if (cacheRead !== undefined) usage.cachedInputTokens = cacheRead;
  if (cacheWrite !== undefined) usage.cacheCreationInputTokens = cacheWrite;
  const reasoning = thinking ?? previous?.reasoningTokens;
  if (reasoning !== undefined) usage.reasoningTokens = reasoning;
  return usage;
}

/** Canonical → Anthropic: input_tokens = input − cache reads − cache writes. */
export function encodeAnthropicUsage(usage: Partial<Usage>): Record<string, number> {
  const cached = usage.cachedInputTokens ?? 0;
  const created = usage.cacheCreationInputTokens ?? 0;
  return {
    input_tokens: Math.max(0, (usage.inputTokens ?? 0) - cached - created),
    cache_creation_input_tokens: created,
    cache_read_input_tokens: cached,
    output_tokens: usage.outputTokens ?? 0,
  };
}

export const anthropicUsageReader: UsageReader = {
  key: '"usage"',
  // message_start carries the input (and cache) counts; message_delta the output.
  inFirstEvent: true,
  decode: decodeAnthropicUsage,
  fromMessage: (message, previous) => {
    if (!isRecord(message)) return undefined;
    const raw =
      message.type === 'message_start' && isRecord(message.message) ? message.message.usage : message.usage;
    return decodeAnthropicUsage(raw, previous);
  },
};
