import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'sambanova',
  name: 'SambaNova Cloud',
  formats: ['openai-chat'],
  baseUrl: 'https://api.sambanova.ai/v1',
  auth: 'bearer',
  tier: 'free',
  // Not in models.dev: two readings of SambaNova's rate card that agree.
  ...modelTable(models, 'sambanova'),
  freeTier: {
    note: 'Free tier while no payment method is linked to the account, with lower requests per minute and per day than the Developer tier (per-model table in the docs).',
    checked: '2026-12-06',
    source: 'https://docs.sambanova.ai/cloud/api-reference/using-the-api/rate-limits',
  },
  docsUrl: 'https://docs.sambanova.ai/cloud/api-reference',
};
