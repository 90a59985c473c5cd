import type { ProviderDefinition } from '../types.js';

// Embeddings in OpenAI's shape; rerank in the Cohere/Jina shape rerank clients send. No chat.
export const provider: ProviderDefinition = {
  id: 'jina',
  name: 'Jina AI',
  formats: ['openai-chat'],
  baseUrl: 'https://api.jina.ai/v1',
  auth: 'bearer',
  tier: 'api-key',
  models: [
    'jina-embeddings-v3',
    'jina-embeddings-v4',
    'jina-reranker-v2-base-multilingual',
    'jina-reranker-m0',
  ],
  modelInfo: {
    'jina-embeddings-v3': { kind: 'embedding' },
    'jina-embeddings-v4': { kind: 'embedding' },
    'jina-reranker-v2-base-multilingual': { kind: 'rerank' },
    'jina-reranker-m0': { kind: 'rerank' },
  },
  docsUrl: 'https://jina.ai/embeddings/',
};
