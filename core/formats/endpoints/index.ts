import { completionsCodec } from '../completions/index.js';
import { embeddingsCodec } from '../embeddings/index.js';
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
} satisfies Record<string, EndpointCodec<any, any>>;

export type EndpointId = keyof typeof ENDPOINT_CODECS;
