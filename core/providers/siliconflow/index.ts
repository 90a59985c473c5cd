import type { ProviderDefinition } from '../types.js';

// Prices and context windows from models.dev (github.com/anomalyco/models.dev@f3fc692, providers/siliconflow), the source's date.
const SOURCE = 'models.dev (github.com/anomalyco/models.dev@f3fc692, providers/siliconflow)';
const CHECKED = '2026-07-02';

export const provider: ProviderDefinition = {
  id: 'siliconflow',
  name: 'SiliconFlow',
  formats: ['openai-chat'],
  baseUrl: 'https://api.siliconflow.com/v1',
  auth: 'bearer',
  tier: 'cheap',
  models: ['moonshotai/Kimi-K2.6', 'zai-org/GLM-5.1', 'deepseek-ai/DeepSeek-V3.2', 'MiniMaxAI/MiniMax-M2.5'],
  modelInfo: {
    'moonshotai/Kimi-K2.6': { contextWindow: 262_000 },
    'zai-org/GLM-5.1': { contextWindow: 205_000 },
    'deepseek-ai/DeepSeek-V3.2': { contextWindow: 164_000 },
    'MiniMaxAI/MiniMax-M2.5': { contextWindow: 197_000 },
  },
  prices: {
    'moonshotai/Kimi-K2.6': { input: 0.77, output: 4.0, cachedInput: 0.2, source: SOURCE, checked: CHECKED },
    'zai-org/GLM-5.1': { input: 1.4, output: 4.4, source: SOURCE, checked: CHECKED },
    'deepseek-ai/DeepSeek-V3.2': { input: 0.27, output: 0.42, source: SOURCE, checked: CHECKED },
    'MiniMaxAI/MiniMax-M2.5': { input: 0.3, output: 1.2, source: SOURCE, checked: CHECKED },
  },
  docsUrl: 'https://docs.siliconflow.com/en/api-reference/chat-completions/chat-completions',
};
