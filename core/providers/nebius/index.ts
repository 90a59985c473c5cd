import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'nebius',
  name: 'Nebius Token Factory',
  formats: ['openai-chat'],
  baseUrl: 'https://api.tokenfactory.nebius.com/v1',
  auth: 'bearer',
  tier: 'cheap',
  ...modelTable(models, 'nebius'),
  docsUrl: 'https://docs.tokenfactory.nebius.com/',
};
