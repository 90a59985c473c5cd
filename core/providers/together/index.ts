import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'together',
  name: 'Together AI',
  formats: ['openai-chat'],
  baseUrl: 'https://api.together.xyz/v1',
  auth: 'bearer',
  tier: 'cheap',
  ...modelTable(models, 'together'),
  // No free tier: no free trial, and API access needs a $5 minimum credit purchase
  // (https://docs.together.ai/docs/billing-credits, read 2026-12-06).
  docsUrl: 'https://docs.together.ai/reference',
};
