import {
  invalid,
  neverDecoded,
  optionalString,
  requireModel,
  type DecodedEndpointRequest,
  type EndpointCodec,
} from '../endpoints/types.js';

// POST /v1/audio/speech (OpenAI's shape): the answer is audio bytes, streamed to the caller as
// they come. Passed through to OpenAI-shaped upstreams; Deepgram's `/speak` takes `{text}` with
// the model and encoding in the query. Billed per character of input.

export interface SpeechRequest extends DecodedEndpointRequest {
  input: string;
  format: string;
}

const FORMATS = ['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm'];
/** OpenAI's response_format as Deepgram's encoding (and container). */
const DEEPGRAM_ENCODING: Record<string, string> = {
  mp3: 'encoding=mp3',
  opus: 'encoding=opus',
  aac: 'encoding=aac',
  flac: 'encoding=flac',
  wav: 'encoding=linear16&container=wav',
  pcm: 'encoding=linear16&container=none',
};

export const speechCodec: EndpointCodec<SpeechRequest, never> = {
  kind: 'speech',
  binaryAnswer: true,
  decodeRequest(shape, body) {
    if (shape !== 'openai') throw invalid('Speech has no Gemini method here; use POST /v1/audio/speech.');
    const model = requireModel(body);
    const input = optionalString(body, 'input');
    if (!input) throw invalid('input: the text to speak is required.', 'input');
    if (input.length > 4096) throw invalid('input: at most 4096 characters.', 'input');
    const format = optionalString(body, 'response_format') ?? 'mp3';
    if (!FORMATS.includes(format))
      throw invalid(`response_format: one of ${FORMATS.join(', ')}.`, 'response_format');
    return { model, stream: false, input, format };
  },
  serves: (d) => d === 'openai' || d === 'deepgram',
  upstream(dialect, req, { base, model }) {
    if (dialect === 'deepgram')
      return {
        url: `${base}/speak?model=${encodeURIComponent(model)}&${DEEPGRAM_ENCODING[req.format]}`,
        body: { text: req.input },
      };
    return { url: `${base}/audio/speech` };
  },
  ...neverDecoded('speech answers are streamed bytes'),
  requestUsage: (req) => ({ characters: req.input.length }),
};
