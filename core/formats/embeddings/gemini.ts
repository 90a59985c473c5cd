import {
  badAnswer,
  count,
  invalid,
  isRecord,
  optionalPositiveInt,
  optionalString,
} from '../endpoints/types.js';
import { textsOnly, type EmbedRequest, type EmbedResult } from './types.js';
import { vectorOf } from './vectors.js';

// Gemini's embedContent / batchEmbedContents (https://ai.google.dev/api/embeddings): a Content
// per input, one vector per Content; no token count in the answer.

const TASK_TO_INPUT: Record<string, string> = {
  RETRIEVAL_DOCUMENT: 'search_document',
  RETRIEVAL_QUERY: 'search_query',
  CLASSIFICATION: 'classification',
  CLUSTERING: 'clustering',
};
const INPUT_TO_TASK: Record<string, string> = Object.fromEntries(
  Object.entries(TASK_TO_INPUT).map(([k, v]) => [v, k]),
);

/** The text of a Content: its text parts joined (embeddings take text only). */
function contentText(content: unknown, param: string): string {
  if (!isRecord(content) || !Array.isArray(content.parts) || content.parts.length === 0)
    throw invalid(`${param}: a Content with text parts is required.`, param);
  let text = '';
  for (const p of content.parts) {
    if (!isRecord(p) || typeof p.text !== 'string')
      throw invalid(`${param}.parts: only text parts can be embedded.`, param);
    text += p.text;
  }
  return text;
}

function taskOf(r: Record<string, unknown>, param: string): string | undefined {
  const t = optionalString(r, 'taskType');
  if (t === undefined || t === 'TASK_TYPE_UNSPECIFIED') return undefined;
  return TASK_TO_INPUT[t] ?? (/^[A-Z_]{1,64}$/.test(t) ? t : badTask(param));
}
const badTask = (param: string): never => {
  throw invalid(`${param}.taskType: not a Gemini task type.`, `${param}.taskType`);
};

/** `:embedContent` (one Content) or `:batchEmbedContents` (`requests`, each naming the model). */
export function decodeGeminiRequest(
  body: Record<string, unknown>,
  model: string,
  action: string | undefined,
): EmbedRequest {
  if (!model) throw invalid('The model is named in the URL: /v1beta/models/<model>:embedContent.', 'model');
  if (action === 'embedContent') {
    const dimensions = optionalPositiveInt(body, 'outputDimensionality');
    const inputType = taskOf(body, 'request');
    return {
      model,
      stream: false,
      inputs: [contentText(body.content, 'content')],
      encoding: 'float',
      single: true,
      ...(dimensions !== undefined ? { dimensions } : {}),
      ...(inputType !== undefined ? { inputType } : {}),
    };
  }
  const requests = body.requests;
  if (!Array.isArray(requests) || requests.length === 0)
    throw invalid('requests: a non-empty list of EmbedContentRequest is required.', 'requests');
  if (requests.length > 250) throw invalid('requests: at most 250 per batch.', 'requests');
  const inputs: string[] = [];
  let dimensions: number | undefined;
  let inputType: string | undefined;
  requests.forEach((r, i) => {
    if (!isRecord(r)) throw invalid(`requests[${i}]: an object is expected.`, 'requests');
    inputs.push(contentText(r.content, `requests[${i}].content`));
    dimensions ??= optionalPositiveInt(r, 'outputDimensionality');
    inputType ??= taskOf(r, `requests[${i}]`);
  });
  return {
    model,
    stream: false,
    inputs,
    encoding: 'float',
    single: false,
    ...(dimensions !== undefined ? { dimensions } : {}),
    ...(inputType !== undefined ? { inputType } : {}),
  };
}

/** Always the batch method upstream: one call for any number of inputs. */
export function geminiUpstream(
  req: EmbedRequest,
  base: string,
  model: string,
): { url: string; body: unknown } {
  const task = req.inputType === undefined ? undefined : INPUT_TO_TASK[req.inputType];
  return {
    url: `${base}/models/${encodeURIComponent(model)}:batchEmbedContents`,
    body: {
      requests: textsOnly(req, 'Gemini').map((text) => ({
        model: `models/${model}`,
        content: { parts: [{ text }] },
        ...(task ? { taskType: task } : {}),
        ...(req.dimensions !== undefined ? { outputDimensionality: req.dimensions } : {}),
      })),
    },
  };
}

export function decodeGeminiResponse(json: unknown): EmbedResult {
  if (!isRecord(json)) throw badAnswer('a Gemini embeddings answer');
  const list = Array.isArray(json.embeddings)
    ? json.embeddings
    : isRecord(json.embedding)
      ? [json.embedding]
      : undefined;
  if (!list) throw badAnswer('a Gemini embeddings answer');
  const vectors = list.map((e) => {
    if (!isRecord(e)) throw badAnswer('a Gemini embedding');
    return vectorOf(e.values);
  });
  const meta = isRecord(json.usageMetadata) ? json.usageMetadata : {};
  return { vectors, inputTokens: count(meta.promptTokenCount) };
}

export function encodeGeminiResponse(result: EmbedResult, req: EmbedRequest): unknown {
  if (result.vectors.length !== req.inputs.length) throw badAnswer(`${req.inputs.length} embeddings`);
  return req.single
    ? { embedding: { values: result.vectors[0] } }
    : { embeddings: result.vectors.map((values) => ({ values })) };
}
