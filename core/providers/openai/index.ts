import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'openai',
  name: 'OpenAI',
  formats: ['openai-responses', 'openai-chat'],
  baseUrl: 'https://api.openai.com/v1',
  auth: 'bearer',
  tier: 'api-key',
  // Current models first, then older ones still served.
  ...modelTable(models, 'openai'),
  docsUrl: 'https://platform.openai.com/docs/api-reference',
  quirks: {
    maxTokensField: 'max_completion_tokens',
  },
};
