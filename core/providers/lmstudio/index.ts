import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'lmstudio',
  name: 'LM Studio',
  formats: ['openai-chat'],
  baseUrl: 'http://127.0.0.1:1234/v1',
  auth: 'none',
  tier: 'local',
  ...modelTable(models, 'lmstudio'),
  docsUrl: 'https://lmstudio.ai/docs/app/api/endpoints/openai',
  aliases: ['lms'],
  local: true,
};
