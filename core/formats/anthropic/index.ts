import type { WireCodec } from '../codec.js';
import { anthropicWire } from './wire.js';
import { anthropicBodyPolicies } from './body-policy.js';
import { decodeAnthropicRequest } from './decode-request.js';
import { encodeAnthropicRequest } from './encode-request.js';
import { decodeAnthropicErrorBody, encodeAnthropicError, anthropicStreamErrorFrame } from './errors.js';
import { decodeAnthropicResponse, encodeAnthropicResponse } from './response.js';
import { AnthropicStreamDecoder } from './stream-decoder.js';
import { AnthropicStreamEncoder } from './stream-encoder.js';
import { anthropicUsageReader } from './usage.js';

/** Anthropic Messages (`POST /v1/messages`), what Claude Code speaks. */
export const anthropicCodec: WireCodec = {
  format: 'anthropic',
  bodyPolicies: anthropicBodyPolicies,
  wire: anthropicWire,
  usage: anthropicUsageReader,
  decodeRequest: decodeAnthropicRequest,
  encodeRequest: encodeAnthropicRequest,
  decodeResponse: decodeAnthropicResponse,
  encodeResponse: encodeAnthropicResponse,
  createStreamDecoder: () => new AnthropicStreamDecoder(),
  createStreamEncoder: (ctx) => new AnthropicStreamEncoder(ctx),
  decodeError: decodeAnthropicErrorBody,
  encodeError: encodeAnthropicError,
  encodeStreamError: (error) => anthropicStreamErrorFrame(error),
};
