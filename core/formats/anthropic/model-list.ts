import type { ListedUpstreamModel } from '../canonical.js';
import { listedModelId, readModelList } from '../model-entries.js';

/** `GET {base}/models` of the Messages API: `{ data: [{ type: 'model', id, display_name, max_input_tokens? }] }`. */
export function parseAnthropicModelList(body: unknown): ListedUpstreamModel[] | undefined {
  return readModelList(body, 'data', (r) => {
    const id = listedModelId(r.id);
    if (!id) return undefined;
    const model: ListedUpstreamModel = { id, kind: 'chat' };
    if (typeof r.max_input_tokens === 'number' && r.max_input_tokens > 0)
      model.contextWindow = Math.floor(r.max_input_tokens);
    return model;
  });
}
