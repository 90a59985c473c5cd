import {
  badAnswer,
  invalid,
  isRecord,
  optionalPositiveInt,
  optionalString,
  requireModel,
  type DecodedEndpointRequest,
  type EndpointCodec,
} from '../endpoints/types.js';

// POST /v1/images/generations (OpenAI's shape): passed through to OpenAI-shaped upstreams
// (OpenAI, Together's FLUX…); translated to Gemini's Imagen `:predict`, whose images come back as
// base64 (`b64_json`, whatever response_format asked: Imagen returns no URLs). Billed per image.

export interface ImageRequest extends DecodedEndpointRequest {
  prompt: string;
  n: number;
}

export interface ImageResult {
  images: Array<{ b64: string }>;
}

const B64_KEY = Buffer.from('"b64_json":');
const URL_KEY = Buffer.from('"url":');

/**
 * Keys in the answer's bytes: inside a JSON string a quote is always escaped, so `"url":` is a
 * key wherever it appears, and a multi-megabyte answer need not be parsed to count its images.
 */
function occurrences(buf: Buffer, word: Buffer): number {
  let n = 0;
  for (let at = buf.indexOf(word); at >= 0; at = buf.indexOf(word, at + word.length)) n++;
  return n;
}

export const imagesCodec: EndpointCodec<ImageRequest, ImageResult> = {
  kind: 'image',
  decodeRequest(shape, body) {
    if (shape !== 'openai')
      throw invalid('Image generation has no Gemini method here; use POST /v1/images/generations.');
    const model = requireModel(body);
    const prompt = optionalString(body, 'prompt');
    if (!prompt) throw invalid('prompt: a non-empty string is required.', 'prompt');
    const n = optionalPositiveInt(body, 'n') ?? 1;
    if (n > 10) throw invalid('n: at most 10 images per request.', 'n');
    return { model, stream: false, prompt, n };
  },
  serves: (d) => d === 'openai' || d === 'gemini',
  upstream(dialect, req, { base, model }) {
    if (dialect === 'gemini')
      return {
        url: `${base}/models/${encodeURIComponent(model)}:predict`,
        body: { instances: [{ prompt: req.prompt }], parameters: { sampleCount: req.n } },
      };
    return { url: `${base}/images/generations` };
  },
  decodeResponse(_dialect, json) {
    if (!isRecord(json) || !Array.isArray(json.predictions)) throw badAnswer('an Imagen answer');
    const images = json.predictions.map((p) => {
      if (!isRecord(p) || typeof p.bytesBase64Encoded !== 'string') throw badAnswer('an Imagen image');
      return { b64: p.bytesBase64Encoded };
    });
    return { result: { images }, usage: { images: images.length } };
  },
  encodeResponse: (_shape, result) => ({
    created: Math.floor(Date.now() / 1000),
    data: result.images.map((i) => ({ b64_json: i.b64 })),
  }),
  usageOfPassthrough: (bytes, req) => {
    const counted = occurrences(bytes, B64_KEY) + occurrences(bytes, URL_KEY);
    return { images: counted || req.n };
  },
};
