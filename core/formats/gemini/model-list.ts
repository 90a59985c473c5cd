import type { ListedUpstreamModel } from '../canonical.js';
import { listedModelId, readModelList } from '../model-entries.js';

/**
 * `GET {base}/models` of the Gemini API: `{ models: [{ name: 'models/…', inputTokenLimit,
 * supportedGenerationMethods }] }`. The methods tell a chat model (generateContent) from an
 * embedding one (embedContent).
 */
export function parseGeminiModelList(body: unknown): ListedUpstreamModel[] | undefined {
  return readModelList(body, 'models', (r) => {
    const id = listedModelId(typeof r.name === 'string' ? r.name.replace(/^models\//, '') : undefined);
    if (!id) return undefined;
    const model: ListedUpstreamModel = { id };
    if (typeof r.inputTokenLimit === 'number' && r.inputTokenLimit > 0)
      model.contextWindow = Math.floor(r.inputTokenLimit);
    const methods = Array.isArray(r.supportedGenerationMethods) ? r.supportedGenerationMethods : [];
    if (methods.includes('generateContent')) model.kind = 'chat';
    else if (methods.includes('embedContent')) model.kind = 'embedding';
    return model;
  });
}
