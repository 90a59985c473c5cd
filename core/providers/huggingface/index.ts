import type { ProviderDefinition } from '../types.js';

// Prices and context windows from models.dev (github.com/anomalyco/models.dev@f3fc692, providers/huggingface), the source's date.
const SOURCE = 'models.dev (github.com/anomalyco/models.dev@f3fc692, providers/huggingface)';
const CHECKED = '2026-07-02';

/** One Hugging Face token reaches many inference providers; the router picks one per model (`:fastest`, `:cheapest` or `:<provider>` after the id choose). */
export const provider: ProviderDefinition = {
  id: 'huggingface',
  name: 'Hugging Face Inference Providers',
  formats: ['openai-chat'],
  baseUrl: 'https://router.huggingface.co/v1',
  auth: 'bearer',
  tier: 'cheap',
  aliases: ['hf'],
  models: [
    'moonshotai/Kimi-K2.6',
    'zai-org/GLM-5.1',
    'MiniMaxAI/MiniMax-M2.7',
    'Qwen/Qwen3-Coder-Next',
    'deepseek-ai/DeepSeek-V3.2',
  ],
  modelInfo: {
    'moonshotai/Kimi-K2.6': { contextWindow: 262_144 },
    'zai-org/GLM-5.1': { contextWindow: 202_752 },
    'MiniMaxAI/MiniMax-M2.7': { contextWindow: 204_800 },
    'Qwen/Qwen3-Coder-Next': { contextWindow: 262_144 },
    'deepseek-ai/DeepSeek-V3.2': { contextWindow: 163_840 },
  },
  prices: {
    'moonshotai/Kimi-K2.6': { input: 0.95, output: 4.0, cachedInput: 0.16, source: SOURCE, checked: CHECKED },
    'zai-org/GLM-5.1': { input: 1.0, output: 3.2, cachedInput: 0.2, source: SOURCE, checked: CHECKED },
    'MiniMaxAI/MiniMax-M2.7': {
      input: 0.3,
      output: 1.2,
      cachedInput: 0.06,
      source: SOURCE,
      checked: CHECKED,
    },
    'Qwen/Qwen3-Coder-Next': { input: 0.2, output: 1.5, source: SOURCE, checked: CHECKED },
    'deepseek-ai/DeepSeek-V3.2': { input: 0.28, output: 0.4, source: SOURCE, checked: CHECKED },
  },
  docsUrl: 'https://huggingface.co/docs/inference-providers',
};
