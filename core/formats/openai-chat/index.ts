import type { WireCodec } from '../codec.js';
import { chatWire } from './wire.js';
import { chatBodyPolicies } from './body-policy.js';
import { decodeChatRequest } from './decode-request.js';
import { encodeChatRequest } from './encode-request.js';
import { decodeChatErrorBody, encodeChatError, chatStreamErrorFrame } from './errors.js';
import { decodeChatResponse, encodeChatResponse } from './response.js';
import { ChatStreamDecoder } from './stream-decoder.js';
import { ChatStreamEncoder } from './stream-encoder.js';
import { applyChatQuirks } from './quirks.js';
import { chatUsageReader } from './usage.js';

/** OpenAI Chat Completions (`POST /v1/chat/completions`) and the servers that imitate it. */
export const openaiChatCodec: WireCodec = {
  format: 'openai-chat',
  bodyPolicies: chatBodyPolicies,
  wire: chatWire,
  usage: chatUsageReader,
  decodeRequest: decodeChatRequest,
  encodeRequest: encodeChatRequest,
  applyQuirks: applyChatQuirks,
  decodeResponse: decodeChatResponse,
  encodeResponse: encodeChatResponse,
  createStreamDecoder: () => new ChatStreamDecoder(),
  createStreamEncoder: (ctx) => new ChatStreamEncoder(ctx),
  decodeError: decodeChatErrorBody,
  encodeError: encodeChatError,
  encodeStreamError: (error) => chatStreamErrorFrame(error),
};
