import type { ListedUpstreamModel } from '../canonical.js';

/** `GET {base}/models` of the Messages API: `{ data: [{ type: 'model', id, display_name, max_input_tokens? }] }`. */
export function parseAnthropicModelList(body: unknown): ListedUpstreamModel[] | undefined {
  const data = (body as { data?: unknown })?.data;
  if (!Array.isArray(data)) return undefined;
  const out: ListedUpstreamModel[] = [];
  for (const m of data) {
    if (typeof m !== 'object' || m === null) continue;
    const r = m as Record<string, unknown>;
    if (typeof r.id !== 'string' || !r.id || r.id.length > 200) continue;
    const model: ListedUpstreamModel = { id: r.id, kind: 'chat' };
    if (typeof r.max_input_tokens === 'number' && r.max_input_tokens > 0)
      model.contextWindow = Math.floor(r.max_input_tokens);
    out.push(model);
  }
  return out;
}
