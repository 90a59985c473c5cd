import type { ProviderDefinition } from '../types.js';

// Prices and context windows from models.dev (github.com/anomalyco/models.dev@f3fc692, providers/chutes), the source's date.
const SOURCE = 'models.dev (github.com/anomalyco/models.dev@f3fc692, providers/chutes)';
const CHECKED = '2026-07-02';

export const provider: ProviderDefinition = {
  id: 'chutes',
  name: 'Chutes',
  formats: ['openai-chat'],
  baseUrl: 'https://llm.chutes.ai/v1',
  auth: 'bearer',
  tier: 'cheap',
  aliases: ['ch'],
  models: [
    'zai-org/GLM-5.2-TEE',
    'moonshotai/Kimi-K2.6-TEE',
    'deepseek-ai/DeepSeek-V3.2-TEE',
    'MiniMaxAI/MiniMax-M2.5-TEE',
  ],
  modelInfo: {
    'zai-org/GLM-5.2-TEE': { contextWindow: 1_048_576 },
    'deepseek-ai/DeepSeek-V3.2-TEE': { contextWindow: 131_072 },
    'MiniMaxAI/MiniMax-M2.5-TEE': { contextWindow: 196_608 },
  },
  prices: {
    'zai-org/GLM-5.2-TEE': { input: 1.4, output: 4.4, cachedInput: 0.7, source: SOURCE, checked: CHECKED },
    'moonshotai/Kimi-K2.6-TEE': {
      input: 0.66,
      output: 3.5,
      cachedInput: 0.33,
      source: SOURCE,
      checked: CHECKED,
    },
    'deepseek-ai/DeepSeek-V3.2-TEE': {
      input: 1,
      output: 1,
      cachedInput: 0.5,
      source: SOURCE,
      checked: CHECKED,
    },
    'MiniMaxAI/MiniMax-M2.5-TEE': {
      input: 0.15,
      output: 1.2,
      cachedInput: 0.075,
      source: SOURCE,
      checked: CHECKED,
    },
  },
  docsUrl: 'https://chutes.ai/docs',
};
