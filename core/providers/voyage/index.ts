import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';

// Embeddings and rerank only; its request fields differ from OpenAI's (core/formats/embeddings/voyage.ts).
export const provider: ProviderDefinition = {
  id: 'voyage',
  name: 'Voyage AI',
  formats: ['openai-chat'],
  baseUrl: 'https://api.voyageai.com/v1',
  auth: 'bearer',
  tier: 'api-key',
  ...modelTable([
    { id: 'voyage-3.5', kind: 'embedding' },
    { id: 'voyage-3.5-lite', kind: 'embedding' },
    { id: 'voyage-code-3', kind: 'embedding' },
    { id: 'rerank-2.5', kind: 'rerank' },
    { id: 'rerank-2.5-lite', kind: 'rerank' },
  ]),
  nativeApi: 'voyage',
  docsUrl: 'https://docs.voyageai.com/reference/embeddings-api',
};
