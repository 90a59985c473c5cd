import type { ListedUpstreamModel } from '../canonical.js';
import { listedModelId, readModelList } from '../model-entries.js';

const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : undefined;

/**
 * `GET {base}/models` of OpenAI and the servers that imitate it: `{ data: [{ id, … }] }`.
 * OpenAI itself says nothing of context windows; several compatible servers do, each under its
 * own name (Groq, Together, Fireworks, OpenRouter, Mistral, vLLM), so each is read when present.
 */
export function parseOpenAiModelList(body: unknown): ListedUpstreamModel[] | undefined {
  return readModelList(body, 'data', (r) => {
    const id = listedModelId(r.id);
    if (!id) return undefined;
    const model: ListedUpstreamModel = { id };
    const ctx =
      num(r.context_window) ??
      num(r.context_length) ??
      num(r.max_context_length) ??
      num(r.max_model_len) ??
      num(r.max_input_tokens);
    if (ctx) model.contextWindow = ctx;
    // Together names a model's kind (`type`); Mistral lists capabilities.
    const type = typeof r.type === 'string' ? r.type.toLowerCase() : undefined;
    if (type === 'embedding' || type === 'rerank' || type === 'image' || type === 'moderation')
      model.kind = type;
    else if (type === 'chat' || type === 'language' || type === 'code') model.kind = 'chat';
    return model;
  });
}
