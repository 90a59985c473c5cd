import type { ProviderDefinition } from '../types.js';
import { modelTable, modelsDev } from '../model-table.js';

export const provider: ProviderDefinition = {
  id: 'novita',
  name: 'Novita AI',
  formats: ['openai-chat'],
  baseUrl: 'https://api.novita.ai/openai/v1',
  auth: 'bearer',
  tier: 'cheap',
  ...modelTable(modelsDev('novita-ai'), [
    { id: 'zai-org/glm-5.1', context: 204_800, input: 1.4, output: 4.4, cachedInput: 0.26 },
    { id: 'minimax/minimax-m2.7', context: 204_800, input: 0.3, output: 1.2, cachedInput: 0.06 },
    { id: 'qwen/qwen3.7-max', context: 1_000_000, input: 1.25, output: 3.75, cachedInput: 0.125 },
    { id: 'qwen/qwen3.5-397b-a17b', context: 262_144, input: 0.6, output: 3.6 },
  ]),
  docsUrl: 'https://novita.ai/docs/guides/llm-api',
};
