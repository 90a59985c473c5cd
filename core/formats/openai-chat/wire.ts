import { invalidRequest } from '../canonical.js';
import type { WireFacts } from '../codec.js';

export const chatWire: WireFacts = {
  defaultAuth: 'bearer',
  upstreamPath: () => '/chat/completions',
  peekRequest(body) {
    if (!Array.isArray(body.messages))
      throw invalidRequest('messages: expected an array of messages.', 'messages');
    return { model: body.model, stream: body.stream ?? false, temperature: body.temperature };
  },
};
