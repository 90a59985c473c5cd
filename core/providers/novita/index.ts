import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'novita',
  name: 'Novita AI',
  formats: ['openai-chat'],
  baseUrl: 'https://api.novita.ai/openai/v1',
  auth: 'bearer',
  tier: 'cheap',
  ...modelTable(models, 'novita'),
  docsUrl: 'https://novita.ai/docs/guides/llm-api',
};
