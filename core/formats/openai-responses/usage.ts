import type { Usage } from '../canonical.js';
import type { UsageReader } from '../codec.js';

/** The Responses `usage` object as OpenAI, Azure and xAI send it (extra vendor fields tolerated). */
export interface ResponsesUsage {
  input_tokens?: number | null;
  input_tokens_details?: { cached_tokens?: number | null } | null;
  output_tokens?: number | null;
  output_tokens_details?: { reasoning_tokens?: number | null } | null;
  total_tokens?: number | null;
}

// Responses already follows the canonical convention (input includes cache reads, output
// includes reasoning), so the numbers move across unchanged.
export function decodeUsage(usage: ResponsesUsage | null | undefined): Usage | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const out: Usage = { inputTokens: usage.input_tokens ?? 0, outputTokens: usage.output_tokens ?? 0 };
  const cached = usage.input_tokens_details?.cached_tokens;
  if (typeof cached === 'number') out.cachedInputTokens = cached;
  const reasoning = usage.output_tokens_details?.reasoning_tokens;
  if (typeof reasoning === 'number') out.reasoningTokens = reasoning;
  return out;
}

export function encodeUsage(usage: Partial<Usage> | undefined): Required<ResponsesUsage> & {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
} {
  const input = usage?.inputTokens ?? 0;
  const output = usage?.outputTokens ?? 0;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: usage?.cachedInputTokens ?? 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: usage?.reasoningTokens ?? 0 },
    total_tokens: input + output,
  };
}

export const responsesUsageReader: UsageReader = {
  key: '"usage"',
  decode: (raw) => decodeUsage(raw as ResponsesUsage),
  // A body is the response itself; a stream states usage in its response.completed (or
  // .incomplete / .failed) event's `response`.
  fromMessage: (message) => {
    if (!message || typeof message !== 'object') return undefined;
    const m = message as { object?: unknown; usage?: ResponsesUsage; response?: { usage?: ResponsesUsage } };
    return decodeUsage(m.response?.usage ?? (m.object === 'response' ? m.usage : undefined));
  },
};
