import { invalidRequest } from '../canonical.js';
import type { WireFacts } from '../codec.js';
import { isRecord } from '../json.js';

export const ollamaWire: WireFacts = {
  // Ollama itself asks for no key; a hosted or proxied one takes a bearer token.
  defaultAuth: 'bearer',
  upstreamPath: () => '/api/chat',
  streamFraming: 'ndjson',
  streamContentType: 'application/x-ndjson',
  peekRequest(body) {
    if (!Array.isArray(body.messages))
      throw invalidRequest('messages: expected an array of messages.', 'messages');
    if (body.options != null && !isRecord(body.options))
      throw invalidRequest('options: expected an object.', 'options');
    const options = (body.options ?? {}) as Record<string, unknown>;
    // Ollama streams unless `stream: false` says otherwise.
    return { model: body.model, stream: body.stream ?? true, temperature: options.temperature };
  },
};
