import type { WireCodec } from '../codec.js';
import { geminiWire } from './wire.js';
import { geminiBodyPolicies } from './body-policy.js';
import { decodeGeminiError, encodeGeminiError, geminiStreamErrorFrame } from './errors.js';
import { decodeGeminiRequest } from './decode-request.js';
import { encodeGeminiRequest } from './encode-request.js';
import { decodeGeminiResponse, encodeGeminiResponse } from './response.js';
import { GeminiStreamDecoder } from './stream-decoder.js';
import { GeminiStreamEncoder } from './stream-encoder.js';
import { unwrapCodeAssistRequest, wrapCodeAssistResponse } from './code-assist.js';
import { geminiUsageReader } from './usage.js';

export { encodeGeminiRequestWithReport } from './encode-request.js';
export { SKIP_SIGNATURE_SENTINEL } from './parts.js';
export type { GeminiErrorInfo } from './errors.js';
export { unwrapCodeAssistRequest } from './code-assist.js';

/** Google Gemini `generateContent` / `streamGenerateContent` (also Vertex AI). */
export const geminiCodec: WireCodec = {
  format: 'gemini',
  bodyPolicies: geminiBodyPolicies,
  wire: geminiWire,
  usage: geminiUsageReader,
  decodeRequest(body, ctx) {
    if (!ctx?.codeAssist) return decodeGeminiRequest(body, ctx);
    const { model, request } = unwrapCodeAssistRequest((body ?? {}) as Record<string, unknown>);
    return decodeGeminiRequest(request, { ...ctx, model });
  },
  encodeRequest: encodeGeminiRequest,
  decodeResponse: decodeGeminiResponse,
  encodeResponse: (response, ctx) => {
    const out = encodeGeminiResponse(response, ctx);
    return ctx.codeAssist ? wrapCodeAssistResponse(out) : out;
  },
  createStreamDecoder: () => new GeminiStreamDecoder(),
  createStreamEncoder: (ctx) => new GeminiStreamEncoder(ctx),
  // Returns GeminiErrorInfo: `retryAfter` (from RetryInfo) rides along for GatewayError.
  decodeError: decodeGeminiError,
  encodeError: encodeGeminiError,
  encodeStreamError: (error, ctx) => geminiStreamErrorFrame(error, ctx.jsonArrayStream),
};
