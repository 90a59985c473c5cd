import type { ProviderDefinition } from '../types.js';

// Prices and context windows from models.dev (github.com/anomalyco/models.dev@f3fc692, providers/deepinfra), the source's date.
const SOURCE = 'models.dev (github.com/anomalyco/models.dev@f3fc692, providers/deepinfra)';
const CHECKED = '2026-07-02';

export const provider: ProviderDefinition = {
  id: 'deepinfra',
  name: 'DeepInfra',
  formats: ['openai-chat'],
  baseUrl: 'https://api.deepinfra.com/v1/openai',
  auth: 'bearer',
  tier: 'cheap',
  models: [
    'moonshotai/Kimi-K2.6',
    'zai-org/GLM-5.1',
    'Qwen/Qwen3.5-397B-A17B',
    'deepseek-ai/DeepSeek-V3.2',
    'openai/gpt-oss-120b',
  ],
  modelInfo: {
    'moonshotai/Kimi-K2.6': { contextWindow: 262_144 },
    'zai-org/GLM-5.1': { contextWindow: 202_752 },
    'Qwen/Qwen3.5-397B-A17B': { contextWindow: 262_144 },
    'deepseek-ai/DeepSeek-V3.2': { contextWindow: 163_840 },
    'openai/gpt-oss-120b': { contextWindow: 131_072 },
  },
  prices: {
    'moonshotai/Kimi-K2.6': { input: 0.75, output: 3.5, cachedInput: 0.15, source: SOURCE, checked: CHECKED },
    'zai-org/GLM-5.1': { input: 1.05, output: 3.5, cachedInput: 0.205, source: SOURCE, checked: CHECKED },
    'Qwen/Qwen3.5-397B-A17B': {
      input: 0.45,
      output: 3.0,
      cachedInput: 0.22,
      source: SOURCE,
      checked: CHECKED,
    },
    'deepseek-ai/DeepSeek-V3.2': {
      input: 0.26,
      output: 0.38,
      cachedInput: 0.13,
      source: SOURCE,
      checked: CHECKED,
    },
    'openai/gpt-oss-120b': { input: 0.039, output: 0.19, source: SOURCE, checked: CHECKED },
  },
  docsUrl: 'https://deepinfra.com/docs/openai_api',
};
