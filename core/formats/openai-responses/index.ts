import type { WireCodec } from '../codec.js';
import { responsesWire } from './wire.js';
import { responsesBodyPolicies } from './body-policy.js';
import { decodeResponsesError, encodeResponsesError, responsesStreamErrorFrame } from './errors.js';
import { decodeResponsesRequest } from './decode-request.js';
import { encodeResponsesRequest } from './encode-request.js';
import { decodeResponsesResponse, encodeResponsesResponse } from './response.js';
import { ResponsesStreamDecoder } from './stream-decoder.js';
import { ResponsesStreamEncoder } from './stream-encoder.js';
import { responsesUsageReader } from './usage.js';

export { customToolNames } from './custom-tools.js';
export { encodeResponsesRequestWithReport } from './encode-request.js';

/** OpenAI Responses (`POST /v1/responses`), what Codex CLI speaks. */
export const openaiResponsesCodec: WireCodec = {
  format: 'openai-responses',
  bodyPolicies: responsesBodyPolicies,
  wire: responsesWire,
  usage: responsesUsageReader,
  decodeRequest: decodeResponsesRequest,
  encodeRequest: encodeResponsesRequest,
  decodeResponse: decodeResponsesResponse,
  encodeResponse: encodeResponsesResponse,
  createStreamDecoder: () => new ResponsesStreamDecoder(),
  createStreamEncoder: (ctx) => new ResponsesStreamEncoder(ctx),
  decodeError: decodeResponsesError,
  encodeError: encodeResponsesError,
  encodeStreamError: responsesStreamErrorFrame,
};
