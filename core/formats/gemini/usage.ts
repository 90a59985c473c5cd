import type { Usage } from '../canonical.js';
import type { UsageReader } from '../codec.js';

export interface GeminiUsageMetadata {
  promptTokenCount?: number;
  cachedContentTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  toolUsePromptTokenCount?: number;
  totalTokenCount?: number;
}

// promptTokenCount already includes cachedContentTokenCount (canonical convention), but
// thoughtsTokenCount is NOT part of candidatesTokenCount: canonical output is their sum.
// Tool-use prompt tokens (server-side tool results fed back to the model) are input.
export function decodeUsage(meta: GeminiUsageMetadata | null | undefined): Usage | undefined {
  if (!meta || typeof meta !== 'object') return undefined;
  // Vertex opens streams with `{trafficType}` only: no counts yet is not zero usage.
  if (meta.promptTokenCount == null && meta.candidatesTokenCount == null && meta.totalTokenCount == null) {
    return undefined;
  }
  const thoughts = meta.thoughtsTokenCount ?? 0;
  const usage: Usage = {
    inputTokens: (meta.promptTokenCount ?? 0) + (meta.toolUsePromptTokenCount ?? 0),
    outputTokens: (meta.candidatesTokenCount ?? 0) + thoughts,
  };
  if (meta.cachedContentTokenCount != null) usage.cachedInputTokens = meta.cachedContentTokenCount;
  if (meta.thoughtsTokenCount != null) usage.reasoningTokens = thoughts;
  return usage;
}

export function encodeUsage(usage: Partial<Usage> | undefined): GeminiUsageMetadata {
  const input = usage?.inputTokens ?? 0;
  const output = usage?.outputTokens ?? 0;
  const thoughts = Math.min(usage?.reasoningTokens ?? 0, output);
  const meta: GeminiUsageMetadata = { promptTokenCount: input, candidatesTokenCount: output - thoughts };
  if (thoughts) meta.thoughtsTokenCount = thoughts;
  if (usage?.cachedInputTokens) meta.cachedContentTokenCount = usage.cachedInputTokens;
  meta.totalTokenCount = input + output;
  return meta;
}

export const geminiUsageReader: UsageReader = {
  key: '"usageMetadata"',
  decode: (raw) => decodeUsage(raw as GeminiUsageMetadata),
  fromMessage: (message) =>
    message && typeof message === 'object'
      ? decodeUsage((message as { usageMetadata?: GeminiUsageMetadata }).usageMetadata)
      : undefined,
};
