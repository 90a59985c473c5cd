import {
  invalid,
  neverDecoded,
  requireModel,
  type DecodedEndpointRequest,
  type EndpointCodec,
} from '../endpoints/types.js';

// POST /v1/completions, OpenAI's legacy text completions, streamed or not: passed through to
// OpenAI-compatible providers that still serve it (OpenAI's instruct model, Together, Fireworks,
// DeepSeek's FIM, Ollama, vLLM…). Its models are chat models in the registry.

export const completionsCodec: EndpointCodec<DecodedEndpointRequest, never> = {
  kind: 'chat',
  decodeRequest(shape, body) {
    if (shape !== 'openai')
      throw invalid('Text completions have no Gemini method; use POST /v1/completions.');
    const model = requireModel(body);
    const p = body.prompt;
    const ok =
      p === undefined ||
      typeof p === 'string' ||
      (Array.isArray(p) &&
        (p.every((x) => typeof x === 'string') ||
          p.every((x) => Number.isInteger(x)) ||
          p.every((x) => Array.isArray(x) && x.every((n) => Number.isInteger(n)))));
    if (!ok) throw invalid('prompt: a string, strings, token ids or arrays of token ids.', 'prompt');
    if (body.stream !== undefined && body.stream !== null && typeof body.stream !== 'boolean')
      throw invalid('stream: true or false.', 'stream');
    return { model, stream: body.stream === true };
  },
  serves: (d) => d === 'openai',
  upstream: (_d, _req, { base }) => ({ url: `${base}/completions` }),
  ...neverDecoded('completions are passed through'),
};
