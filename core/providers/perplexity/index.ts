import type { ProviderDefinition } from '../types.js';

export const provider: ProviderDefinition = {
  id: 'perplexity',
  name: 'Perplexity',
  formats: ['openai-chat'],
  baseUrl: 'https://api.perplexity.ai',
  auth: 'bearer',
  tier: 'api-key',
  models: ['sonar', 'sonar-pro', 'sonar-reasoning'],
  docsUrl: 'https://docs.perplexity.ai/api-reference',
  aliases: ['pplx'],
  quirks: {
    noStreamOptions: true,
  },
};
