import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'siliconflow',
  name: 'SiliconFlow',
  formats: ['openai-chat'],
  baseUrl: 'https://api.siliconflow.com/v1',
  auth: 'bearer',
  tier: 'cheap',
  ...modelTable(models, 'siliconflow'),
  docsUrl: 'https://docs.siliconflow.com/en/api-reference/chat-completions/chat-completions',
};
