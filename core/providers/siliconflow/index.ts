import type { ProviderDefinition } from '../types.js';
import { modelTable, modelsDev } from '../model-table.js';

export const provider: ProviderDefinition = {
  id: 'siliconflow',
  name: 'SiliconFlow',
  formats: ['openai-chat'],
  baseUrl: 'https://api.siliconflow.com/v1',
  auth: 'bearer',
  tier: 'cheap',
  ...modelTable(modelsDev('siliconflow'), [
    { id: 'moonshotai/Kimi-K2.6', context: 262_000, input: 0.77, output: 4, cachedInput: 0.2 },
    { id: 'zai-org/GLM-5.1', context: 205_000, input: 1.4, output: 4.4 },
    { id: 'deepseek-ai/DeepSeek-V3.2', context: 164_000, input: 0.27, output: 0.42 },
    { id: 'MiniMaxAI/MiniMax-M2.5', context: 197_000, input: 0.3, output: 1.2 },
  ]),
  docsUrl: 'https://docs.siliconflow.com/en/api-reference/chat-completions/chat-completions',
};
