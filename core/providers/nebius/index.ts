import type { ProviderDefinition } from '../types.js';

// Prices and context windows from models.dev (github.com/anomalyco/models.dev@f3fc692, providers/nebius), the source's date.
const SOURCE = 'models.dev (github.com/anomalyco/models.dev@f3fc692, providers/nebius)';
const CHECKED = '2026-07-02';

export const provider: ProviderDefinition = {
  id: 'nebius',
  name: 'Nebius Token Factory',
  formats: ['openai-chat'],
  baseUrl: 'https://api.tokenfactory.nebius.com/v1',
  auth: 'bearer',
  tier: 'cheap',
  models: [
    'zai-org/GLM-5',
    'moonshotai/Kimi-K2.5',
    'deepseek-ai/DeepSeek-V3.2',
    'openai/gpt-oss-120b',
    'Qwen/Qwen3-32B',
  ],
  modelInfo: {
    'zai-org/GLM-5': { contextWindow: 200_000 },
    'moonshotai/Kimi-K2.5': { contextWindow: 256_000 },
    'deepseek-ai/DeepSeek-V3.2': { contextWindow: 163_000 },
    'openai/gpt-oss-120b': { contextWindow: 128_000 },
    'Qwen/Qwen3-32B': { contextWindow: 128_000 },
  },
  prices: {
    'zai-org/GLM-5': { input: 1.0, output: 3.2, cachedInput: 0.1, source: SOURCE, checked: CHECKED },
    'moonshotai/Kimi-K2.5': { input: 0.5, output: 2.5, cachedInput: 0.05, source: SOURCE, checked: CHECKED },
    'deepseek-ai/DeepSeek-V3.2': {
      input: 0.3,
      output: 0.45,
      cachedInput: 0.03,
      source: SOURCE,
      checked: CHECKED,
    },
    'openai/gpt-oss-120b': { input: 0.15, output: 0.6, cachedInput: 0.015, source: SOURCE, checked: CHECKED },
    'Qwen/Qwen3-32B': { input: 0.1, output: 0.3, cachedInput: 0.01, source: SOURCE, checked: CHECKED },
  },
  docsUrl: 'https://docs.tokenfactory.nebius.com/',
};
