import type { ProviderDefinition } from '../types.js';

// Embeddings and rerank only; its request fields differ from OpenAI's (core/formats/embeddings/voyage.ts).
export const provider: ProviderDefinition = {
  id: 'voyage',
  name: 'Voyage AI',
  formats: ['openai-chat'],
  baseUrl: 'https://api.voyageai.com/v1',
  auth: 'bearer',
  tier: 'api-key',
  models: ['voyage-3.5', 'voyage-3.5-lite', 'voyage-code-3', 'rerank-2.5', 'rerank-2.5-lite'],
  modelInfo: {
    'voyage-3.5': { kind: 'embedding' },
    'voyage-3.5-lite': { kind: 'embedding' },
    'voyage-code-3': { kind: 'embedding' },
    'rerank-2.5': { kind: 'rerank' },
    'rerank-2.5-lite': { kind: 'rerank' },
  },
  nativeApi: 'voyage',
  docsUrl: 'https://docs.voyageai.com/reference/embeddings-api',
};
