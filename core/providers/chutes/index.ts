import type { ProviderDefinition } from '../types.js';
import { modelTable, modelsDev } from '../model-table.js';

export const provider: ProviderDefinition = {
  id: 'chutes',
  name: 'Chutes',
  formats: ['openai-chat'],
  baseUrl: 'https://llm.chutes.ai/v1',
  auth: 'bearer',
  tier: 'cheap',
  aliases: ['ch'],
  ...modelTable(modelsDev('chutes'), [
    { id: 'zai-org/GLM-5.2-TEE', context: 1_048_576, input: 1.4, output: 4.4, cachedInput: 0.7 },
    { id: 'moonshotai/Kimi-K2.6-TEE', input: 0.66, output: 3.5, cachedInput: 0.33 },
    { id: 'deepseek-ai/DeepSeek-V3.2-TEE', context: 131_072, input: 1, output: 1, cachedInput: 0.5 },
    { id: 'MiniMaxAI/MiniMax-M2.5-TEE', context: 196_608, input: 0.15, output: 1.2, cachedInput: 0.075 },
  ]),
  docsUrl: 'https://chutes.ai/docs',
};
