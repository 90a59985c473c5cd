import type { ListedUpstreamModel } from '../canonical.js';

/**
 * `GET {base}/models` of the Gemini API: `{ models: [{ name: 'models/…', inputTokenLimit,
 * supportedGenerationMethods }] }`. The methods tell a chat model (generateContent) from an
 * embedding one (embedContent).
 */
export function parseGeminiModelList(body: unknown): ListedUpstreamModel[] | undefined {
  const models = (body as { models?: unknown })?.models;
  if (!Array.isArray(models)) return undefined;
  const out: ListedUpstreamModel[] = [];
  for (const m of models) {
    if (typeof m !== 'object' || m === null) continue;
    const r = m as Record<string, unknown>;
    if (typeof r.name !== 'string' || !r.name) continue;
    const id = r.name.replace(/^models\//, '');
    if (!id || id.length > 200) continue;
    const model: ListedUpstreamModel = { id };
    if (typeof r.inputTokenLimit === 'number' && r.inputTokenLimit > 0)
      model.contextWindow = Math.floor(r.inputTokenLimit);
    const methods = Array.isArray(r.supportedGenerationMethods) ? r.supportedGenerationMethods : [];
    if (methods.includes('generateContent')) model.kind = 'chat';
    else if (methods.includes('embedContent')) model.kind = 'embedding';
    out.push(model);
  }
  return out;
}
