import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';

export const provider: ProviderDefinition = {
  id: 'together',
  name: 'Together AI',
  formats: ['openai-chat'],
  baseUrl: 'https://api.together.xyz/v1',
  auth: 'bearer',
  tier: 'cheap',
  ...modelTable([
    'meta-llama/Llama-3.3-70B-Instruct-Turbo',
    'Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8',
    { id: 'BAAI/bge-large-en-v1.5', kind: 'embedding' },
    { id: 'intfloat/multilingual-e5-large-instruct', kind: 'embedding' },
    { id: 'black-forest-labs/FLUX.1-schnell', kind: 'image' },
  ]),
  // No free tier: no free trial, and API access needs a $5 minimum credit purchase
  // (https://docs.together.ai/docs/billing-credits, read 2026-12-06).
  docsUrl: 'https://docs.together.ai/reference',
};
