import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'mistral',
  name: 'Mistral',
  formats: ['openai-chat'],
  baseUrl: 'https://api.mistral.ai/v1',
  auth: 'bearer',
  tier: 'api-key',
  // Current models first, then older ones still served.
  ...modelTable(models, 'mistral'),
  freeTier: {
    note: "Experiment plan (free), for evaluation and prototyping: 1 request per second, 500,000 tokens per minute and 1 billion tokens per month on the models the free tier covers; the organization's own limits are under Admin › Limits.",
    checked: '2026-12-06',
    source:
      'https://help.mistral.ai/en/articles/225174-what-are-the-limits-of-the-free-tier and https://docs.mistral.ai/deployment/ai-studio/tier',
  },
  docsUrl: 'https://docs.mistral.ai/api',
  quirks: {
    noStreamOptions: true,
  },
};
