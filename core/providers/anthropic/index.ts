import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'anthropic',
  name: 'Anthropic',
  formats: ['anthropic'],
  baseUrl: 'https://api.anthropic.com/v1',
  auth: 'x-api-key',
  tier: 'api-key',
  // Current models first, then older ones still served.
  ...modelTable(models, 'anthropic'),
  docsUrl: 'https://docs.anthropic.com/en/api/messages',
  headers: {
    'anthropic-version': '2023-06-01',
  },
};
