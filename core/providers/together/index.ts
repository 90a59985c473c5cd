import type { ProviderDefinition } from '../types.js';

export const provider: ProviderDefinition = {
  id: 'together',
  name: 'Together AI',
  formats: ['openai-chat'],
  baseUrl: 'https://api.together.xyz/v1',
  auth: 'bearer',
  tier: 'cheap',
  models: [
    'meta-llama/Llama-3.3-70B-Instruct-Turbo',
    'Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8',
    'BAAI/bge-large-en-v1.5',
    'intfloat/multilingual-e5-large-instruct',
    'black-forest-labs/FLUX.1-schnell',
  ],
  modelInfo: {
    'black-forest-labs/FLUX.1-schnell': { kind: 'image' },
    'BAAI/bge-large-en-v1.5': { kind: 'embedding' },
    'intfloat/multilingual-e5-large-instruct': { kind: 'embedding' },
  },
  docsUrl: 'https://docs.together.ai/reference',
};
