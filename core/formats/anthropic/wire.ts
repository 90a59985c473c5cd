import { invalidRequest } from '../canonical.js';
import type { WireFacts } from '../codec.js';

export const anthropicWire: WireFacts = {
  defaultAuth: 'x-api-key',
  upstreamPath: () => '/messages',
  defaultHeaders: { 'anthropic-version': '2023-06-01' },
  forwardedHeaders: ['anthropic-version', 'anthropic-beta'],
  forwardsQuery: true,
  peekRequest(body) {
    if (!Array.isArray(body.messages))
      throw invalidRequest('messages: expected an array of messages.', 'messages');
    if (body.max_tokens !== undefined && typeof body.max_tokens !== 'number')
      throw invalidRequest('max_tokens: expected a number.', 'max_tokens');
    return { model: body.model, stream: body.stream ?? false, temperature: body.temperature };
  },
};
