import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'cohere',
  name: 'Cohere',
  formats: ['openai-chat'],
  baseUrl: 'https://api.cohere.ai/compatibility/v1',
  auth: 'bearer',
  tier: 'api-key',
  ...modelTable(models, 'cohere'),
  // Chat goes through the OpenAI-compatibility API; embed and rerank through Cohere's own v2 API.
  nativeApi: 'cohere-v2',
  docsUrl: 'https://docs.cohere.com/docs/compatibility-api',
  quirks: {
    noStreamOptions: true,
  },
};
