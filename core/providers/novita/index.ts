import type { ProviderDefinition } from '../types.js';

// Prices and context windows from models.dev (github.com/anomalyco/models.dev@f3fc692, providers/novita-ai), the source's date.
const SOURCE = 'models.dev (github.com/anomalyco/models.dev@f3fc692, providers/novita-ai)';
const CHECKED = '2026-07-02';

export const provider: ProviderDefinition = {
  id: 'novita',
  name: 'Novita AI',
  formats: ['openai-chat'],
  baseUrl: 'https://api.novita.ai/openai/v1',
  auth: 'bearer',
  tier: 'cheap',
  models: ['zai-org/glm-5.1', 'minimax/minimax-m2.7', 'qwen/qwen3.7-max', 'qwen/qwen3.5-397b-a17b'],
  modelInfo: {
    'zai-org/glm-5.1': { contextWindow: 204_800 },
    'minimax/minimax-m2.7': { contextWindow: 204_800 },
    'qwen/qwen3.7-max': { contextWindow: 1_000_000 },
    'qwen/qwen3.5-397b-a17b': { contextWindow: 262_144 },
  },
  prices: {
    'zai-org/glm-5.1': { input: 1.4, output: 4.4, cachedInput: 0.26, source: SOURCE, checked: CHECKED },
    'minimax/minimax-m2.7': { input: 0.3, output: 1.2, cachedInput: 0.06, source: SOURCE, checked: CHECKED },
    'qwen/qwen3.7-max': { input: 1.25, output: 3.75, cachedInput: 0.125, source: SOURCE, checked: CHECKED },
    'qwen/qwen3.5-397b-a17b': { input: 0.6, output: 3.6, source: SOURCE, checked: CHECKED },
  },
  docsUrl: 'https://novita.ai/docs/guides/llm-api',
};
