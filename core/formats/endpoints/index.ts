import { completionsCodec } from '../completions/index.js';
import { embeddingsCodec } from '../embeddings/index.js';
import { imageEditsCodec, imagesCodec } from '../images/index.js';
import { speechCodec } from '../speech/index.js';
import { transcriptionsCodec, translationsCodec } from '../transcriptions/index.js';
import { moderationsCodec } from '../moderations/index.js';
import { rerankCodec } from '../rerank/index.js';
import type { EndpointCodec } from './types.js';

export type { CallerShape, Dialect, EndpointCodec, EndpointUsage } from './types.js';

/** The non-chat endpoints the gateway serves, by the name the route table uses. */
export const ENDPOINT_CODECS = {
  embeddings: embeddingsCodec,
  rerank: rerankCodec,
  moderations: moderationsCodec,
  completions: completionsCodec,
  images: imagesCodec,
  imageEdits: imageEditsCodec,
  speech: speechCodec,
  transcriptions: transcriptionsCodec,
  translations: translationsCodec,
} satisfies Record<string, EndpointCodec<any, any>>;

export type EndpointId = keyof typeof ENDPOINT_CODECS;
