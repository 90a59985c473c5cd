import {
  badAnswer,
  count,
  invalid,
  isRecord,
  type DecodedEndpointRequest,
  type EndpointCodec,
  type EndpointUsage,
  type UploadInfo,
} from '../endpoints/types.js';

// POST /v1/audio/transcriptions and /v1/audio/translations (OpenAI's multipart shape: file,
// model, response_format json|text|srt|vtt|verbose_json, language, prompt, temperature…). Passed
// on as multipart to OpenAI-shaped upstreams (OpenAI, Groq, Mistral); translated to Deepgram's
// /listen (the audio as the body, options in the query; transcription only). Billed per second.

type Format = 'json' | 'text' | 'srt' | 'vtt' | 'verbose_json';
const FORMATS: Format[] = ['json', 'text', 'srt', 'vtt', 'verbose_json'];
const EXTENSIONS = ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm'];

export interface TranscriptionRequest extends DecodedEndpointRequest {
  task: 'transcribe' | 'translate';
  format: Format;
  language?: string;
  fields: Array<[string, string]>;
}

export interface Transcript {
  text: string;
  duration?: number;
  language?: string;
  words: Array<{ word: string; start: number; end: number }>;
}

function decode(task: TranscriptionRequest['task'], upload: UploadInfo | undefined): TranscriptionRequest {
  if (!upload?.file) throw invalid('file: an audio file is required.', 'file');
  const field = (k: string) => upload.fields.find(([n]) => n === k)?.[1];
  const model = field('model');
  if (!model) throw invalid('model: a model name is required.', 'model');
  const ext = /\.([A-Za-z0-9]+)$/.exec(upload.file.name)?.[1]?.toLowerCase();
  if (!ext || !EXTENSIONS.includes(ext))
    throw invalid(`file: an audio file named with one of ${EXTENSIONS.join(', ')}.`, 'file');
  const format = (field('response_format') ?? 'json') as Format;
  if (!FORMATS.includes(format))
    throw invalid(`response_format: one of ${FORMATS.join(', ')}.`, 'response_format');
  const language = field('language');
  return {
    model,
    stream: false,
    task,
    format,
    fields: upload.fields,
    ...(language ? { language } : {}),
  };
}

/** Deepgram's prerecorded answer: results.channels[0].alternatives[0], metadata.duration. */
function decodeDeepgram(json: unknown): Transcript {
  if (!isRecord(json) || !isRecord(json.results) || !Array.isArray(json.results.channels))
    throw badAnswer('a Deepgram transcript');
  const channel = json.results.channels[0];
  const alt = isRecord(channel) && Array.isArray(channel.alternatives) ? channel.alternatives[0] : undefined;
  if (!isRecord(alt) || typeof alt.transcript !== 'string') throw badAnswer('a Deepgram transcript');
  const words = (Array.isArray(alt.words) ? alt.words : []).flatMap((w) =>
    isRecord(w) && typeof w.word === 'string' && count(w.start) !== undefined && count(w.end) !== undefined
      ? [
          {
            word: typeof w.punctuated_word === 'string' ? w.punctuated_word : w.word,
            start: w.start as number,
            end: w.end as number,
          },
        ]
      : [],
  );
  const meta = isRecord(json.metadata) ? json.metadata : {};
  const language =
    isRecord(channel) && typeof channel.detected_language === 'string'
      ? channel.detected_language
      : undefined;
  return { text: alt.transcript, duration: count(meta.duration), words, ...(language ? { language } : {}) };
}

/** Cues of up to 12 words, from the word timings (a transcript without them is one cue). */
function cues(t: Transcript): Array<{ start: number; end: number; text: string }> {
  if (t.words.length === 0) return t.text ? [{ start: 0, end: t.duration ?? 0, text: t.text }] : [];
  const out = [];
  for (let i = 0; i < t.words.length; i += 12) {
    const group = t.words.slice(i, i + 12);
    out.push({ start: group[0]!.start, end: group.at(-1)!.end, text: group.map((w) => w.word).join(' ') });
  }
  return out;
}

function stamp(sec: number, sep: ',' | '.'): string {
  const ms = Math.round(sec * 1000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(Math.floor(ms / 3_600_000))}:${p(Math.floor(ms / 60_000) % 60)}:${p(Math.floor(ms / 1000) % 60)}${sep}${p(ms % 1000, 3)}`;
}

function encode(t: Transcript, req: TranscriptionRequest): unknown {
  switch (req.format) {
    case 'text':
      return t.text + '\n';
    case 'srt':
      return cues(t)
        .map((c, i) => `${i + 1}\n${stamp(c.start, ',')} --> ${stamp(c.end, ',')}\n${c.text}\n`)
        .join('\n');
    case 'vtt':
      return (
        'WEBVTT\n\n' +
        cues(t)
          .map((c) => `${stamp(c.start, '.')} --> ${stamp(c.end, '.')}\n${c.text}\n`)
          .join('\n')
      );
    case 'verbose_json':
      return {
        task: req.task === 'translate' ? 'translate' : 'transcribe',
        language: t.language ?? req.language ?? 'unknown',
        duration: t.duration ?? 0,
        text: t.text,
        segments: cues(t).map((c, id) => ({ id, start: c.start, end: c.end, text: c.text })),
        words: t.words,
      };
    default:
      return {
        text: t.text,
        ...(t.duration !== undefined ? { usage: { type: 'duration', seconds: Math.ceil(t.duration) } } : {}),
      };
  }
}

/** Seconds of audio an OpenAI-shaped answer reports (usage.seconds, or verbose_json's duration). */
function secondsIn(bytes: Buffer): EndpointUsage {
  if (bytes[0] !== 0x7b) return {};
  try {
    const j = JSON.parse(bytes.toString('utf8')) as { usage?: { seconds?: unknown }; duration?: unknown };
    const s = count(j?.usage?.seconds) ?? count(j?.duration);
    return s === undefined ? {} : { audioSeconds: s };
  } catch {
    return {};
  }
}

function codec(task: TranscriptionRequest['task']): EndpointCodec<TranscriptionRequest, Transcript> {
  return {
    kind: 'transcription',
    multipart: true,
    textAnswer: true,
    decodeRequest(shape, _body, ctx) {
      if (shape !== 'openai') throw invalid('Use POST /v1/audio/transcriptions.');
      return decode(task, ctx.upload);
    },
    serves: (d) => d === 'openai' || (d === 'deepgram' && task === 'transcribe'),
    upstream(dialect, req, { base, model }) {
      if (dialect === 'deepgram') {
        const q = new URLSearchParams({ model, smart_format: 'true', punctuate: 'true' });
        if (req.language) q.set('language', req.language);
        else q.set('detect_language', 'true');
        return { url: `${base}/listen?${q}`, upload: { fileOnly: true } };
      }
      return {
        url: `${base}/audio/${task === 'translate' ? 'translations' : 'transcriptions'}`,
        upload: { fields: req.fields.map(([k, v]) => [k, k === 'model' ? model : v] as [string, string]) },
      };
    },
    decodeResponse(_dialect, json) {
      const t = decodeDeepgram(json);
      return { result: t, usage: t.duration === undefined ? {} : { audioSeconds: t.duration } };
    },
    encodeResponse: (_shape, t, req) => encode(t, req),
    usageOfPassthrough: (bytes) => secondsIn(bytes),
  };
}

export const transcriptionsCodec = codec('transcribe');
export const translationsCodec = codec('translate');
