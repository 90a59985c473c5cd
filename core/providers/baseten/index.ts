import type { ProviderDefinition } from '../types.js';
import { modelTable, modelsDev } from '../model-table.js';

export const provider: ProviderDefinition = {
  id: 'baseten',
  name: 'Baseten Model APIs',
  formats: ['openai-chat'],
  baseUrl: 'https://inference.baseten.co/v1',
  auth: 'bearer',
  tier: 'cheap',
  ...modelTable(modelsDev('baseten'), [
    { id: 'moonshotai/Kimi-K2.6', context: 262_000, input: 0.95, output: 4, cachedInput: 0.16 },
    { id: 'moonshotai/Kimi-K2.7-Code', context: 262_000, input: 0.95, output: 4, cachedInput: 0.16 },
    { id: 'zai-org/GLM-5.2', context: 202_720, input: 1.4, output: 4.4, cachedInput: 0.3 },
    { id: 'deepseek-ai/DeepSeek-V4-Pro', context: 262_144, input: 1.74, output: 3.48, cachedInput: 0.145 },
    { id: 'openai/gpt-oss-120b', context: 128_072, input: 0.1, output: 0.5 },
  ]),
  docsUrl: 'https://docs.baseten.co/inference/model-apis/overview',
};
