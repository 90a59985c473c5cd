import {
  badAnswer,
  invalid,
  neverDecoded,
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

export interface ImageEditRequest extends DecodedEndpointRequest {
  fields: Array<[string, string]>;
  n: number;
}

/**
 * POST /v1/images/edits: OpenAI's multipart upload (image, prompt, mask…), received and spooled by
 * the gateway like an audio upload, sent on as multipart to OpenAI-shaped upstreams only.
 */
export const imageEditsCodec: EndpointCodec<ImageEditRequest, never> = {
  kind: 'image',
  multipart: true,
  decodeRequest(shape, _body, { upload }) {
    if (shape !== 'openai') throw invalid('Use POST /v1/images/edits.');
    if (!upload?.file) throw invalid('image: an image file is required.', 'image');
    const field = (k: string) => upload.fields.find(([n]) => n === k)?.[1];
    const model = field('model');
    if (!model) throw invalid('model: a model name is required.', 'model');
    if (!field('prompt')) throw invalid('prompt: a non-empty string is required.', 'prompt');
    const n = Number(field('n') ?? 1);
    if (!Number.isInteger(n) || n < 1 || n > 10) throw invalid('n: 1 to 10.', 'n');
    return { model, stream: false, fields: upload.fields, n };
  },
  serves: (d) => d === 'openai',
  upstream: (_d, req, { base, model }) => ({
    url: `${base}/images/edits`,
    upload: { fields: req.fields.map(([k, v]) => [k, k === 'model' ? model : v] as [string, string]) },
  }),
  ...neverDecoded('image edits are passed through'),
  usageOfPassthrough: (bytes, req) => ({
    images: occurrences(bytes, B64_KEY) + occurrences(bytes, URL_KEY) || req.n,
  }),
};
