import type { ProviderDefinition } from '../types.js';

export const provider: ProviderDefinition = {
  id: 'deepseek',
  name: 'DeepSeek',
  formats: ['openai-chat'],
  baseUrl: 'https://api.deepseek.com/v1',
  auth: 'bearer',
  tier: 'cheap',
  models: ['deepseek-chat', 'deepseek-reasoner'],
  docsUrl: 'https://api-docs.deepseek.com',
  aliases: ['ds'],
};
