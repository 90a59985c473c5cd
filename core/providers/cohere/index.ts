import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';

export const provider: ProviderDefinition = {
  id: 'cohere',
  name: 'Cohere',
  formats: ['openai-chat'],
  baseUrl: 'https://api.cohere.ai/compatibility/v1',
  auth: 'bearer',
  tier: 'api-key',
  ...modelTable([
    'command-a-03-2025',
    'command-r-plus',
    { id: 'embed-v4.0', kind: 'embedding' },
    { id: 'embed-english-v3.0', kind: 'embedding' },
    { id: 'embed-multilingual-v3.0', kind: 'embedding' },
    { id: 'rerank-v3.5', kind: 'rerank' },
  ]),
  // Chat goes through the OpenAI-compatibility API; embed and rerank through Cohere's own v2 API.
  nativeApi: 'cohere-v2',
  docsUrl: 'https://docs.cohere.com/docs/compatibility-api',
  quirks: {
    noStreamOptions: true,
  },
};
