import { badAnswer, count, isRecord } from '../endpoints/types.js';
import { textsOnly, type EmbedRequest, type EmbedResult } from './types.js';
import { vectorOf } from './vectors.js';

// Cohere's own v2 API (https://docs.cohere.com/reference/embed): `texts` in, vectors by type out,
// billed tokens under meta.billed_units. Its v3+ models require an input_type.

/** The v2 API's base beside the provider's OpenAI-compatibility base (…/compatibility/v1). */
export function cohereV2Base(base: string): string {
  return base.replace(/\/compatibility\/v1$/, '').replace(/\/v\d+$/, '') + '/v2';
}

export function cohereEmbedBody(req: EmbedRequest, model: string): Record<string, unknown> {
  return {
    model,
    texts: textsOnly(req, 'Cohere'),
    input_type: req.inputType ?? 'search_document',
    embedding_types: ['float'],
    ...(req.dimensions !== undefined ? { output_dimension: req.dimensions } : {}),
  };
}

export function decodeCohereEmbed(json: unknown): EmbedResult {
  if (!isRecord(json)) throw badAnswer('a Cohere embed answer');
  // v2 answers embeddings by type; v1 (embeddings_floats) a bare list.
  const byType = json.embeddings;
  const list = isRecord(byType) ? byType.float : byType;
  if (!Array.isArray(list)) throw badAnswer('a Cohere embed answer with float embeddings');
  const meta = isRecord(json.meta) ? json.meta : {};
  const billed = isRecord(meta.billed_units) ? meta.billed_units : {};
  return { vectors: list.map(vectorOf), inputTokens: count(billed.input_tokens) };
}
