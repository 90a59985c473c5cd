import { invalidRequest } from '../canonical.js';
import type { WireFacts } from '../codec.js';
import { isRecord } from '../json.js';

export const geminiWire: WireFacts = {
  // The upstream is always asked for SSE; a caller that wants one JSON array gets it re-framed.
  defaultAuth: 'x-goog-api-key',
  headWithFirstChunk: true,
  upstreamPath: (model, stream) =>
    `/models/${encodeURIComponent(model)}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
  modelInUrl: true,
  peekRequest(body, url) {
    if (body.contents !== undefined && !Array.isArray(body.contents))
      throw invalidRequest('contents: expected an array of contents.', 'contents');
    const gc = body.generationConfig ?? body.generation_config;
    if (gc !== undefined && !isRecord(gc))
      throw invalidRequest('generationConfig: expected an object.', 'generationConfig');
    return {
      model: url?.model,
      stream: url?.stream ?? false,
      temperature: (gc as Record<string, unknown> | undefined)?.temperature,
    };
  },
};
