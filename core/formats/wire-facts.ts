import { anthropicWire } from './anthropic/wire.js';
import type { WireFormat } from './canonical.js';
import type { WireFacts } from './codec.js';
import { geminiWire } from './gemini/wire.js';
import { ollamaWire } from './ollama/wire.js';
import { chatWire } from './openai-chat/wire.js';
import { responsesWire } from './openai-responses/wire.js';

/**
 * Each format's WireFacts — the same objects as the codecs' `wire` — without loading the codecs,
 * for what runs before the gateway engine is loaded (the runtime's providers, the timeouts).
 */
export const WIRE_FACTS: Record<WireFormat, WireFacts> = {
  'openai-chat': chatWire,
  'openai-responses': responsesWire,
  anthropic: anthropicWire,
  gemini: geminiWire,
  ollama: ollamaWire,
};
