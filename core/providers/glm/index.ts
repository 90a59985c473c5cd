import type { ProviderDefinition } from '../types.js';

export const provider: ProviderDefinition = {
  id: 'glm',
  name: 'Zhipu GLM',
  formats: ['openai-chat'],
  baseUrl: 'https://open.bigmodel.cn/api/paas/v4',
  auth: 'bearer',
  tier: 'subscription',
  models: ['glm-4.6', 'glm-4.5-air'],
  docsUrl: 'https://docs.bigmodel.cn/api-reference',
  aliases: ['zhipu'],
};
