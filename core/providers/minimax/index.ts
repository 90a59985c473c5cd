import type { ProviderDefinition } from '../types.js';

export const provider: ProviderDefinition = {
  id: 'minimax',
  name: 'MiniMax',
  formats: ['openai-chat'],
  baseUrl: 'https://api.minimax.io/v1',
  auth: 'bearer',
  tier: 'subscription',
  models: ['MiniMax-M2'],
  docsUrl: 'https://platform.minimax.io/docs/api-reference',
};
