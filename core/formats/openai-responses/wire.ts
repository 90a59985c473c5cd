import { invalidRequest } from '../canonical.js';
import type { WireFacts } from '../codec.js';
import { customToolNames } from './custom-tools.js';

export const responsesWire: WireFacts = {
  defaultAuth: 'bearer',
  upstreamPath: () => '/responses',
  peekRequest(body) {
    if (body.input !== undefined && typeof body.input !== 'string' && !Array.isArray(body.input))
      throw invalidRequest('input: expected a string or an array of input items.', 'input');
    return { model: body.model, stream: body.stream ?? false, temperature: body.temperature };
  },
  // Codex's apply_patch is a `custom` tool: its calls go back as custom_tool_call items.
  encodeContextOf: (body) => ({ customTools: customToolNames(body) }),
};
