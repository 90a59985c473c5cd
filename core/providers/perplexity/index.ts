import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'perplexity',
  name: 'Perplexity',
  formats: ['openai-chat'],
  baseUrl: 'https://api.perplexity.ai',
  auth: 'bearer',
  tier: 'api-key',
  ...modelTable(models, 'perplexity'),
  docsUrl: 'https://docs.perplexity.ai/api-reference',
  aliases: ['pplx'],
  quirks: {
    noStreamOptions: true,
  },
};
