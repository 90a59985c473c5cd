import type { EmbedRequest } from './types.js';
import { textsOnly } from './types.js';

// Voyage (https://docs.voyageai.com/reference/embeddings-api): OpenAI's answer shape, but its own
// request fields (output_dimension, input_type "query"/"document"; encoding_format only "base64").

const INPUT_TYPES: Record<string, string> = { search_query: 'query', search_document: 'document' };

export function voyageEmbedBody(req: EmbedRequest, model: string): Record<string, unknown> {
  const inputType = req.inputType === undefined ? undefined : (INPUT_TYPES[req.inputType] ?? req.inputType);
  return {
    model,
    input: textsOnly(req, 'Voyage'),
    ...(inputType === 'query' || inputType === 'document' ? { input_type: inputType } : {}),
    ...(req.dimensions !== undefined ? { output_dimension: req.dimensions } : {}),
  };
}
