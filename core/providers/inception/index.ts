import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'inception',
  name: 'Inception (Mercury)',
  formats: ['openai-chat'],
  baseUrl: 'https://api.inceptionlabs.ai/v1',
  auth: 'bearer',
  tier: 'api-key',
  ...modelTable(models, 'inception'),
  docsUrl: 'https://docs.inceptionlabs.ai/',
};
