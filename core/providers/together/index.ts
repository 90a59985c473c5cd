import type { ProviderDefinition } from '../types.js';

export const provider: ProviderDefinition = {
  id: 'together',
  name: 'Together AI',
  formats: ['openai-chat'],
  baseUrl: 'https://api.together.xyz/v1',
  auth: 'bearer',
  tier: 'cheap',
  models: ['meta-llama/Llama-3.3-70B-Instruct-Turbo', 'Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8'],
  docsUrl: 'https://docs.together.ai/reference',
};
