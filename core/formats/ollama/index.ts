import type { WireCodec } from '../codec.js';
import { ollamaBodyPolicies } from './body-policy.js';
import { decodeOllamaRequest } from './decode-request.js';
import { encodeOllamaRequest } from './encode-request.js';
import { decodeOllamaError, encodeOllamaError, ollamaStreamErrorFrame } from './errors.js';
import { decodeOllamaResponse, encodeOllamaResponse } from './response.js';
import { OllamaStreamDecoder } from './stream-decoder.js';
import { OllamaStreamEncoder } from './stream-encoder.js';
import { ollamaUsageReader } from './usage.js';
import { ollamaWire } from './wire.js';

/** Ollama's native chat API (`POST /api/chat`): NDJSON streams, tool arguments as objects. */
export const ollamaCodec: WireCodec = {
  format: 'ollama',
  bodyPolicies: ollamaBodyPolicies,
  wire: ollamaWire,
  usage: ollamaUsageReader,
  decodeRequest: decodeOllamaRequest,
  encodeRequest: encodeOllamaRequest,
  decodeResponse: decodeOllamaResponse,
  encodeResponse: encodeOllamaResponse,
  createStreamDecoder: () => new OllamaStreamDecoder(),
  createStreamEncoder: (ctx) => new OllamaStreamEncoder(ctx),
  decodeError: decodeOllamaError,
  encodeError: encodeOllamaError,
  encodeStreamError: (error) => ollamaStreamErrorFrame(error),
};
