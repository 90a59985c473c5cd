import { GatewayError } from '../canonical.js';
import {
  badAnswer,
  count,
  invalid,
  isRecord,
  optionalPositiveInt,
  optionalString,
  requireModel,
} from '../endpoints/types.js';
import type { EmbedRequest, EmbedResult } from './types.js';
import { floatsToBase64, vectorOf } from './vectors.js';

/** Most inputs in one request (OpenAI's documented limit). */
const MAX_INPUTS = 2048;

/** POST /v1/embeddings: `input` a string, strings, a token array or token arrays. */
export function decodeOpenAiRequest(body: Record<string, unknown>): EmbedRequest {
  const model = requireModel(body);
  const input = body.input;
  let inputs: Array<string | number[]>;
  if (typeof input === 'string') inputs = [input];
  else if (Array.isArray(input) && input.length > 0) {
    if (input.every((x) => typeof x === 'string')) inputs = input as string[];
    else if (input.every((x) => typeof x === 'number' && Number.isInteger(x))) inputs = [input as number[]];
    else if (input.every((x) => Array.isArray(x) && x.length > 0 && x.every((n) => Number.isInteger(n))))
      inputs = input as number[][];
    else
      throw invalid(
        'input: a string, an array of strings, an array of token ids, or an array of token-id arrays is expected.',
        'input',
      );
  } else throw invalid('input: a non-empty string or array is required.', 'input');
  if (inputs.length > MAX_INPUTS) throw invalid(`input: at most ${MAX_INPUTS} inputs per request.`, 'input');
  const encoding = optionalString(body, 'encoding_format') ?? 'float';
  if (encoding !== 'float' && encoding !== 'base64')
    throw invalid('encoding_format: "float" or "base64".', 'encoding_format');
  const dimensions = optionalPositiveInt(body, 'dimensions');
  const inputType = optionalString(body, 'input_type');
  return {
    model,
    stream: false,
    inputs,
    encoding,
    ...(dimensions !== undefined ? { dimensions } : {}),
    ...(inputType !== undefined ? { inputType } : {}),
    single: false,
  };
}

export function openAiUpstreamBody(req: EmbedRequest, model: string): Record<string, unknown> {
  return {
    model,
    input: req.inputs,
    encoding_format: 'float',
    ...(req.dimensions !== undefined ? { dimensions: req.dimensions } : {}),
  };
}

/** An OpenAI-shaped answer (OpenAI, Mistral, Together, Jina, Ollama…): `data[].embedding`. */
export function decodeOpenAiResponse(json: unknown): EmbedResult {
  if (!isRecord(json) || !Array.isArray(json.data)) throw badAnswer('an embeddings list');
  const vectors: number[][] = [];
  for (const d of json.data) {
    if (!isRecord(d)) throw badAnswer('an embeddings list');
    const i = typeof d.index === 'number' && Number.isInteger(d.index) ? d.index : vectors.length;
    if (i < 0 || i >= json.data.length) throw badAnswer('an embeddings list (index out of range)');
    vectors[i] = vectorOf(d.embedding);
  }
  const usage = isRecord(json.usage) ? json.usage : {};
  return { vectors, inputTokens: count(usage.prompt_tokens) ?? count(usage.total_tokens) };
}

export function encodeOpenAiResponse(result: EmbedResult, req: EmbedRequest, model: string): unknown {
  if (result.vectors.length !== req.inputs.length)
    throw new GatewayError({
      status: 502,
      kind: 'upstream',
      message: `The provider answered ${result.vectors.length} embeddings for ${req.inputs.length} inputs.`,
    });
  return {
    object: 'list',
    data: result.vectors.map((v, index) => ({
      object: 'embedding',
      index,
      embedding: req.encoding === 'base64' ? floatsToBase64(v) : v,
    })),
    model,
    usage: { prompt_tokens: result.inputTokens ?? 0, total_tokens: result.inputTokens ?? 0 },
  };
}
