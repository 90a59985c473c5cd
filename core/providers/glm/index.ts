import type { ProviderDefinition } from '../types.js';
import { modelTable, modelsDev } from '../model-table.js';

export const provider: ProviderDefinition = {
  id: 'glm',
  name: 'Zhipu GLM',
  formats: ['openai-chat'],
  baseUrl: 'https://open.bigmodel.cn/api/paas/v4',
  auth: 'bearer',
  tier: 'subscription',
  ...modelTable(modelsDev('zhipuai', { ownModel: true }), [
    { id: 'glm-5.2', context: 1_000_000, input: 1.4, output: 4.4, cachedInput: 0.26 },
    { id: 'glm-5.1', context: 200_000, input: 1.4, output: 4.4, cachedInput: 0.26 },
    { id: 'glm-5', context: 204_800, input: 1, output: 3.2, cachedInput: 0.2 },
  ]),
  docsUrl: 'https://docs.bigmodel.cn/api-reference',
  aliases: ['zhipu'],
};
