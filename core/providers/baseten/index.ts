import type { ProviderDefinition } from '../types.js';

// Prices and context windows from models.dev (github.com/anomalyco/models.dev@f3fc692, providers/baseten), the source's date.
const SOURCE = 'models.dev (github.com/anomalyco/models.dev@f3fc692, providers/baseten)';
const CHECKED = '2026-07-02';

export const provider: ProviderDefinition = {
  id: 'baseten',
  name: 'Baseten Model APIs',
  formats: ['openai-chat'],
  baseUrl: 'https://inference.baseten.co/v1',
  auth: 'bearer',
  tier: 'cheap',
  models: [
    'moonshotai/Kimi-K2.6',
    'moonshotai/Kimi-K2.7-Code',
    'zai-org/GLM-5.2',
    'deepseek-ai/DeepSeek-V4-Pro',
    'openai/gpt-oss-120b',
  ],
  modelInfo: {
    'moonshotai/Kimi-K2.6': { contextWindow: 262_000 },
    'moonshotai/Kimi-K2.7-Code': { contextWindow: 262_000 },
    'zai-org/GLM-5.2': { contextWindow: 202_720 },
    'deepseek-ai/DeepSeek-V4-Pro': { contextWindow: 262_144 },
    'openai/gpt-oss-120b': { contextWindow: 128_072 },
  },
  prices: {
    'moonshotai/Kimi-K2.6': { input: 0.95, output: 4, cachedInput: 0.16, source: SOURCE, checked: CHECKED },
    'moonshotai/Kimi-K2.7-Code': {
      input: 0.95,
      output: 4,
      cachedInput: 0.16,
      source: SOURCE,
      checked: CHECKED,
    },
    'zai-org/GLM-5.2': { input: 1.4, output: 4.4, cachedInput: 0.3, source: SOURCE, checked: CHECKED },
    'deepseek-ai/DeepSeek-V4-Pro': {
      input: 1.74,
      output: 3.48,
      cachedInput: 0.145,
      source: SOURCE,
      checked: CHECKED,
    },
    'openai/gpt-oss-120b': { input: 0.1, output: 0.5, source: SOURCE, checked: CHECKED },
  },
  docsUrl: 'https://docs.baseten.co/inference/model-apis/overview',
};
