import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'openrouter',
  name: 'OpenRouter',
  formats: ['openai-chat'],
  baseUrl: 'https://openrouter.ai/api/v1',
  auth: 'bearer',
  tier: 'cheap',
  ...modelTable(models, 'openrouter'),
  freeTier: {
    note: 'Models whose id ends in `:free` cost nothing: 20 requests per minute and 50 per day across all of them, 1,000 per day once at least 10 credits were ever bought.',
    checked: '2026-12-06',
    source: 'https://openrouter.ai/docs/guides/routing/model-variants/free',
  },
  docsUrl: 'https://openrouter.ai/docs/api-reference',
  aliases: ['or'],
};
