import { parseAnthropicModelList } from './anthropic/model-list.js';
import type { ListedUpstreamModel, WireFormat } from './canonical.js';
import { parseGeminiModelList } from './gemini/model-list.js';
import { parseOllamaModelList } from './ollama/model-list.js';
import { parseOpenAiModelList } from './openai-chat/model-list.js';

export type { ListedUpstreamModel };

/**
 * A format's model list (see modelListPath for where) → its models. Undefined:
 * the answer is not a model list of that format.
 */
export function parseModelList(format: WireFormat, body: unknown): ListedUpstreamModel[] | undefined {
  switch (format) {
    case 'openai-chat':
    case 'openai-responses':
      return parseOpenAiModelList(body);
    case 'anthropic':
      return parseAnthropicModelList(body);
    case 'gemini':
      return parseGeminiModelList(body);
    case 'ollama':
      return parseOllamaModelList(body);
  }
}

/** Where a format lists models (Ollama: its own `/api/tags`), asking for every page's worth at once (Anthropic's default page is 20). */
export function modelListPath(format: WireFormat): string {
  if (format === 'anthropic') return '/models?limit=1000';
  if (format === 'gemini') return '/models?pageSize=1000';
  if (format === 'ollama') return '/api/tags';
  return '/models';
}

/**
 * The fewest output tokens a format accepts for a one-token probe: the Responses API refuses a
 * `max_output_tokens` below 16.
 */
export function probeMaxTokens(format: WireFormat): number {
  return format === 'openai-responses' ? 16 : 1;
}
