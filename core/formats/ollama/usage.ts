import type { Usage } from '../canonical.js';
import type { UsageReader } from '../codec.js';
import { isRecord } from '../json.js';

const count = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

/**
 * Ollama's counts are top-level fields of an answer (and of a stream's final `done: true` line):
 * `prompt_eval_count` input tokens, `eval_count` output tokens. Either is left out when zero (Go's
 * omitempty: a prompt served wholly from the model's cache has none). Undefined when neither.
 */
export function decodeOllamaUsage(raw: unknown): Usage | undefined {
  if (!isRecord(raw)) return undefined;
  const input = count(raw.prompt_eval_count);
  const output = count(raw.eval_count);
  if (input === undefined && output === undefined) return undefined;
  return { inputTokens: input ?? 0, outputTokens: output ?? 0 };
}

/** Canonical → Ollama's count fields (its durations are not known here, and left out). */
export function encodeOllamaUsage(usage: Partial<Usage> | undefined): Record<string, number> {
  if (!usage) return {};
  return { prompt_eval_count: usage.inputTokens ?? 0, eval_count: usage.outputTokens ?? 0 };
}

export const ollamaUsageReader: UsageReader = {
  key: '"eval_count"',
  topLevel: true,
  decode: (raw) => decodeOllamaUsage(raw),
  fromMessage: (message) => decodeOllamaUsage(message),
};
