import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'deepinfra',
  name: 'DeepInfra',
  formats: ['openai-chat'],
  baseUrl: 'https://api.deepinfra.com/v1/openai',
  auth: 'bearer',
  tier: 'cheap',
  ...modelTable(models, 'deepinfra'),
  docsUrl: 'https://deepinfra.com/docs/openai_api',
};
