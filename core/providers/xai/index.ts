import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'xai',
  name: 'xAI',
  formats: ['openai-chat', 'openai-responses'],
  baseUrl: 'https://api.x.ai/v1',
  auth: 'bearer',
  tier: 'api-key',
  // Current models first, then older ones still served.
  ...modelTable(models, 'xai'),
  docsUrl: 'https://docs.x.ai/docs/api-reference',
  aliases: ['grok'],
};
