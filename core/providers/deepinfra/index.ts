import type { ProviderDefinition } from '../types.js';
import { modelTable, modelsDev } from '../model-table.js';

export const provider: ProviderDefinition = {
  id: 'deepinfra',
  name: 'DeepInfra',
  formats: ['openai-chat'],
  baseUrl: 'https://api.deepinfra.com/v1/openai',
  auth: 'bearer',
  tier: 'cheap',
  ...modelTable(modelsDev('deepinfra'), [
    { id: 'moonshotai/Kimi-K2.6', context: 262_144, input: 0.75, output: 3.5, cachedInput: 0.15 },
    { id: 'zai-org/GLM-5.1', context: 202_752, input: 1.05, output: 3.5, cachedInput: 0.205 },
    { id: 'Qwen/Qwen3.5-397B-A17B', context: 262_144, input: 0.45, output: 3, cachedInput: 0.22 },
    { id: 'deepseek-ai/DeepSeek-V3.2', context: 163_840, input: 0.26, output: 0.38, cachedInput: 0.13 },
    { id: 'openai/gpt-oss-120b', context: 131_072, input: 0.039, output: 0.19 },
  ]),
  docsUrl: 'https://deepinfra.com/docs/openai_api',
};
