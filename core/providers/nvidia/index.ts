import type { ProviderDefinition } from '../types.js';

export const provider: ProviderDefinition = {
  id: 'nvidia',
  name: 'NVIDIA NIM',
  formats: ['openai-chat'],
  baseUrl: 'https://integrate.api.nvidia.com/v1',
  auth: 'bearer',
  tier: 'free',
  models: [
    'meta/llama-3.3-70b-instruct',
    'moonshotai/kimi-k2-instruct',
    'qwen/qwen3-coder-480b-a35b-instruct',
  ],
  docsUrl: 'https://docs.api.nvidia.com/nim/reference',
  aliases: ['nim'],
};
