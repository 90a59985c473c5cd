import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'fireworks',
  name: 'Fireworks AI',
  formats: ['openai-chat'],
  baseUrl: 'https://api.fireworks.ai/inference/v1',
  auth: 'bearer',
  tier: 'cheap',
  ...modelTable(models, 'fireworks'),
  docsUrl: 'https://docs.fireworks.ai/api-reference',
};
