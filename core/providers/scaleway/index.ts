import type { ProviderDefinition } from '../types.js';
import { modelTable, modelsDev } from '../model-table.js';

export const provider: ProviderDefinition = {
  id: 'scaleway',
  name: 'Scaleway Generative APIs',
  formats: ['openai-chat'],
  baseUrl: 'https://api.scaleway.ai/v1',
  auth: 'bearer',
  tier: 'api-key',
  ...modelTable(modelsDev('scaleway'), [
    { id: 'qwen3.5-397b-a17b', context: 256_000, input: 0.6, output: 3.6 },
    { id: 'devstral-2-123b-instruct-2512', context: 256_000, input: 0.4, output: 2 },
    { id: 'gpt-oss-120b', context: 128_000, input: 0.15, output: 0.6 },
    { id: 'qwen3-coder-30b-a3b-instruct', context: 128_000, input: 0.2, output: 0.8 },
    { id: 'llama-3.3-70b-instruct', context: 100_000, input: 0.9, output: 0.9 },
  ]),
  docsUrl: 'https://www.scaleway.com/en/docs/generative-apis/',
};
