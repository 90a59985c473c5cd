import {
  invalid,
  neverDecoded,
  isRecord,
  optionalString,
  type DecodedEndpointRequest,
  type EndpointCodec,
} from '../endpoints/types.js';

// POST /v1/moderations (OpenAI's shape): passed through to OpenAI-shaped upstreams. `model` is
// optional in OpenAI's API; without one the gateway routes OpenAI's default.

export const DEFAULT_MODERATION_MODEL = 'omni-moderation-latest';

export const moderationsCodec: EndpointCodec<DecodedEndpointRequest, never> = {
  kind: 'moderation',
  decodeRequest(shape, body) {
    if (shape !== 'openai') throw invalid('Moderations have no Gemini method; use POST /v1/moderations.');
    const input = body.input;
    const ok =
      (typeof input === 'string' && input.length > 0) ||
      (Array.isArray(input) &&
        input.length > 0 &&
        input.every((x) => typeof x === 'string' || (isRecord(x) && typeof x.type === 'string')));
    if (!ok)
      throw invalid('input: a string, an array of strings, or an array of text/image_url parts.', 'input');
    return { model: optionalString(body, 'model') || DEFAULT_MODERATION_MODEL, stream: false };
  },
  serves: (d) => d === 'openai',
  upstream: (_d, _req, { base }) => ({ url: `${base}/moderations` }),
  ...neverDecoded('moderations are passed through'),
};
