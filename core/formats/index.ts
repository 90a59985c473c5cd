import { anthropicCodec } from './anthropic/index.js';
import type { WireFormat } from './canonical.js';
import type { WireCodec } from './codec.js';
import { geminiCodec } from './gemini/index.js';
import { ollamaCodec } from './ollama/index.js';
import { openaiChatCodec } from './openai-chat/index.js';
import { openaiResponsesCodec } from './openai-responses/index.js';

export const CODECS: Record<WireFormat, WireCodec> = {
  'openai-chat': openaiChatCodec,
  'openai-responses': openaiResponsesCodec,
  anthropic: anthropicCodec,
  gemini: geminiCodec,
  ollama: ollamaCodec,
};

export function codecFor(format: WireFormat): WireCodec {
  return CODECS[format];
}
