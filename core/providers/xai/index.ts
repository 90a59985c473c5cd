import type { ProviderDefinition } from '../types.js';

export const provider: ProviderDefinition = {
  id: 'xai',
  name: 'xAI',
  formats: ['openai-chat', 'openai-responses'],
  baseUrl: 'https://api.x.ai/v1',
  auth: 'bearer',
  tier: 'api-key',
  models: ['grok-4', 'grok-3-mini', 'grok-code-fast-1'],
  docsUrl: 'https://docs.x.ai/docs/api-reference',
  aliases: ['grok'],
};
