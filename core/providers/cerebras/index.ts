import type { ProviderDefinition } from '../types.js';

export const provider: ProviderDefinition = {
  id: 'cerebras',
  name: 'Cerebras',
  formats: ['openai-chat'],
  baseUrl: 'https://api.cerebras.ai/v1',
  auth: 'bearer',
  tier: 'free',
  models: ['gpt-oss-120b', 'qwen-3-coder-480b', 'llama-3.3-70b'],
  docsUrl: 'https://inference-docs.cerebras.ai/api-reference',
};
