// The kinds of model an endpoint serves, and the vendor dialects its codecs translate to: the
// registry (core/providers) declares its models with these, the endpoint codecs speak them.

/** What a model does, so a request is only routed to models that can answer its endpoint. */
export const MODEL_KINDS = [
  'chat',
  'embedding',
  'rerank',
  'image',
  'transcription',
  'speech',
  'moderation',
] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/** A vendor API for non-chat endpoints whose shapes differ from OpenAI's. */
export type NativeApi = 'cohere-v2' | 'voyage' | 'deepgram';
