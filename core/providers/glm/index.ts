import type { ProviderDefinition } from '../types.js';

// Models, context windows and prices from models.dev, the source's date.
const SOURCE = 'models.dev (github.com/anomalyco/models.dev@f3fc692, providers/zhipuai)';
const CHECKED = '2026-07-02';

export const provider: ProviderDefinition = {
  id: 'glm',
  name: 'Zhipu GLM',
  formats: ['openai-chat'],
  baseUrl: 'https://open.bigmodel.cn/api/paas/v4',
  auth: 'bearer',
  tier: 'subscription',
  models: ['glm-5.2', 'glm-5.1', 'glm-5'],
  modelInfo: {
    'glm-5.2': { contextWindow: 1_000_000 },
    'glm-5.1': { contextWindow: 200_000 },
    'glm-5': { contextWindow: 204_800 },
  },
  prices: {
    'glm-5.2': {
      input: 1.4,
      output: 4.4,
      cachedInput: 0.26,
      ownModel: true,
      source: SOURCE,
      checked: CHECKED,
    },
    'glm-5.1': {
      input: 1.4,
      output: 4.4,
      cachedInput: 0.26,
      ownModel: true,
      source: SOURCE,
      checked: CHECKED,
    },
    'glm-5': { input: 1, output: 3.2, cachedInput: 0.2, ownModel: true, source: SOURCE, checked: CHECKED },
  },
  docsUrl: 'https://docs.bigmodel.cn/api-reference',
  aliases: ['zhipu'],
};
