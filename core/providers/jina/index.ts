import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';

// Embeddings in OpenAI's shape; rerank in the Cohere/Jina shape rerank clients send. No chat.
export const provider: ProviderDefinition = {
  id: 'jina',
  name: 'Jina AI',
  formats: ['openai-chat'],
  baseUrl: 'https://api.jina.ai/v1',
  auth: 'bearer',
  tier: 'api-key',
  ...modelTable([
    { id: 'jina-embeddings-v3', kind: 'embedding' },
    { id: 'jina-embeddings-v4', kind: 'embedding' },
    { id: 'jina-reranker-v2-base-multilingual', kind: 'rerank' },
    { id: 'jina-reranker-m0', kind: 'rerank' },
  ]),
  docsUrl: 'https://jina.ai/embeddings/',
};
