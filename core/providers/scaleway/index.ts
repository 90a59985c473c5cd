import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'scaleway',
  name: 'Scaleway Generative APIs',
  formats: ['openai-chat'],
  baseUrl: 'https://api.scaleway.ai/v1',
  auth: 'bearer',
  tier: 'api-key',
  ...modelTable(models, 'scaleway'),
  docsUrl: 'https://www.scaleway.com/en/docs/generative-apis/',
};
