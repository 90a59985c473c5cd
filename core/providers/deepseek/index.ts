import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'deepseek',
  name: 'DeepSeek',
  formats: ['openai-chat'],
  baseUrl: 'https://api.deepseek.com/v1',
  auth: 'bearer',
  tier: 'cheap',
  // Current models first, then older ones still served.
  ...modelTable(models, 'deepseek'),
  docsUrl: 'https://api-docs.deepseek.com',
  aliases: ['ds'],
};
