import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'cerebras',
  name: 'Cerebras',
  formats: ['openai-chat'],
  baseUrl: 'https://api.cerebras.ai/v1',
  auth: 'bearer',
  tier: 'free',
  // Shared-inference models as of October 2026; the Llama and older Qwen ids were retired.
  ...modelTable(models, 'cerebras'),
  freeTier: {
    note: 'Free trial with $5 of credits and lower rate limits; context windows are about 65k tokens on the free tier (131k paid).',
    checked: '2026-10-01',
    source:
      'https://www.cerebras.ai/pricing and https://inference-docs.cerebras.ai/models/overview, as recorded by api-evangelist/cerebras-systems (2026-07-18) and terminalskills/skills cerebras (2026-10)',
  },
  docsUrl: 'https://inference-docs.cerebras.ai/api-reference',
};
