import { embeddingsCodec } from '../embeddings/index.js';
import type { EndpointCodec } from './types.js';

export type { CallerShape, Dialect, EndpointCodec, EndpointUsage } from './types.js';

/** The non-chat endpoints the gateway serves, by the name the route table uses. */
export const ENDPOINT_CODECS = {
  embeddings: embeddingsCodec,
} satisfies Record<string, EndpointCodec<any, any>>;

export type EndpointId = keyof typeof ENDPOINT_CODECS;
