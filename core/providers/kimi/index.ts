import type { ProviderDefinition } from '../types.js';

export const provider: ProviderDefinition = {
  id: 'kimi',
  name: 'Kimi (Moonshot)',
  formats: ['openai-chat'],
  baseUrl: 'https://api.moonshot.ai/v1',
  auth: 'bearer',
  tier: 'cheap',
  models: ['kimi-k2-0905-preview', 'kimi-k2-thinking'],
  docsUrl: 'https://platform.moonshot.ai/docs/api/chat',
  aliases: ['moonshot'],
};
