import type { EndpointCodec } from '../endpoints/types.js';
import { cohereEmbedBody, cohereV2Base, decodeCohereEmbed } from './cohere.js';
import { decodeGeminiRequest, decodeGeminiResponse, encodeGeminiResponse, geminiUpstream } from './gemini.js';
import {
  decodeOpenAiRequest,
  decodeOpenAiResponse,
  encodeOpenAiResponse,
  openAiUpstreamBody,
} from './openai.js';
import type { EmbedRequest, EmbedResult } from './types.js';
import { voyageEmbedBody } from './voyage.js';

export type { EmbedRequest, EmbedResult } from './types.js';

/** POST /v1/embeddings and Gemini's :embedContent / :batchEmbedContents. */
export const embeddingsCodec: EndpointCodec<EmbedRequest, EmbedResult> = {
  kind: 'embedding',
  decodeRequest: (shape, body, ctx) =>
    shape === 'gemini' ? decodeGeminiRequest(body, ctx.model ?? '', ctx.action) : decodeOpenAiRequest(body),
  serves: (d) => d === 'openai' || d === 'gemini' || d === 'cohere-v2' || d === 'voyage',
  upstream(dialect, req, { model, base, shape, action }) {
    switch (dialect) {
      case 'gemini':
        // A Gemini caller's own method and bytes go as they came (the model is in the URL).
        return shape === 'gemini'
          ? { url: `${base}/models/${encodeURIComponent(model)}:${action}` }
          : geminiUpstream(req, base, model);
      case 'cohere-v2':
        return { url: `${cohereV2Base(base)}/embed`, body: cohereEmbedBody(req, model) };
      case 'voyage':
        return { url: `${base}/embeddings`, body: voyageEmbedBody(req, model) };
      default:
        return shape === 'openai'
          ? { url: `${base}/embeddings` }
          : { url: `${base}/embeddings`, body: openAiUpstreamBody(req, model) };
    }
  },
  decodeResponse(dialect, json) {
    const result =
      dialect === 'gemini'
        ? decodeGeminiResponse(json)
        : dialect === 'cohere-v2'
          ? decodeCohereEmbed(json)
          : decodeOpenAiResponse(json);
    return { result, usage: result.inputTokens === undefined ? {} : { inputTokens: result.inputTokens } };
  },
  encodeResponse: (shape, result, req, model) =>
    shape === 'gemini' ? encodeGeminiResponse(result, req) : encodeOpenAiResponse(result, req, model),
};
