import type { ProviderDefinition } from '../types.js';
import { modelTable, modelsDev } from '../model-table.js';

export const provider: ProviderDefinition = {
  id: 'nebius',
  name: 'Nebius Token Factory',
  formats: ['openai-chat'],
  baseUrl: 'https://api.tokenfactory.nebius.com/v1',
  auth: 'bearer',
  tier: 'cheap',
  ...modelTable(modelsDev('nebius'), [
    { id: 'zai-org/GLM-5', context: 200_000, input: 1, output: 3.2, cachedInput: 0.1 },
    { id: 'moonshotai/Kimi-K2.5', context: 256_000, input: 0.5, output: 2.5, cachedInput: 0.05 },
    { id: 'deepseek-ai/DeepSeek-V3.2', context: 163_000, input: 0.3, output: 0.45, cachedInput: 0.03 },
    { id: 'openai/gpt-oss-120b', context: 128_000, input: 0.15, output: 0.6, cachedInput: 0.015 },
    { id: 'Qwen/Qwen3-32B', context: 128_000, input: 0.1, output: 0.3, cachedInput: 0.01 },
  ]),
  docsUrl: 'https://docs.tokenfactory.nebius.com/',
};
