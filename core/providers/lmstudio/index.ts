import type { ProviderDefinition } from '../types.js';

export const provider: ProviderDefinition = {
  id: 'lmstudio',
  name: 'LM Studio',
  formats: ['openai-chat'],
  baseUrl: 'http://127.0.0.1:1234/v1',
  auth: 'none',
  tier: 'local',
  models: ['local-model', 'text-embedding-nomic-embed-text-v1.5'],
  modelInfo: {
    'text-embedding-nomic-embed-text-v1.5': { kind: 'embedding' },
  },
  docsUrl: 'https://lmstudio.ai/docs/app/api/endpoints/openai',
  aliases: ['lms'],
  local: true,
};
