import type { ProviderDefinition } from '../types.js';

export const provider: ProviderDefinition = {
  id: 'cohere',
  name: 'Cohere',
  formats: ['openai-chat'],
  baseUrl: 'https://api.cohere.ai/compatibility/v1',
  auth: 'bearer',
  tier: 'api-key',
  models: ['command-a-03-2025', 'command-r-plus'],
  docsUrl: 'https://docs.cohere.com/docs/compatibility-api',
  quirks: {
    noStreamOptions: true,
  },
};
