import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'glm',
  name: 'Zhipu GLM',
  formats: ['openai-chat'],
  baseUrl: 'https://open.bigmodel.cn/api/paas/v4',
  auth: 'bearer',
  tier: 'subscription',
  ...modelTable(models, 'glm'),
  docsUrl: 'https://docs.bigmodel.cn/api-reference',
  aliases: ['zhipu'],
};
