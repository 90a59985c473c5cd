import type { ProviderDefinition } from '../types.js';

export const provider: ProviderDefinition = {
  id: 'openai',
  name: 'OpenAI',
  formats: ['openai-responses', 'openai-chat'],
  baseUrl: 'https://api.openai.com/v1',
  auth: 'bearer',
  tier: 'api-key',
  models: [
    'gpt-5.1',
    'gpt-5-mini',
    'gpt-4.1',
    'gpt-4.1-mini',
    'o4-mini',
    'text-embedding-3-small',
    'text-embedding-3-large',
    'omni-moderation-latest',
  ],
  modelInfo: {
    'text-embedding-3-small': { kind: 'embedding' },
    'text-embedding-3-large': { kind: 'embedding' },
    'omni-moderation-latest': { kind: 'moderation' },
  },
  docsUrl: 'https://platform.openai.com/docs/api-reference',
  quirks: {
    maxTokensField: 'max_completion_tokens',
  },
};
