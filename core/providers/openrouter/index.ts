import type { ProviderDefinition } from '../types.js';

export const provider: ProviderDefinition = {
  id: 'openrouter',
  name: 'OpenRouter',
  formats: ['openai-chat'],
  baseUrl: 'https://openrouter.ai/api/v1',
  auth: 'bearer',
  tier: 'cheap',
  models: ['anthropic/claude-sonnet-4.5', 'openai/gpt-5.1', 'deepseek/deepseek-chat-v3.1:free'],
  docsUrl: 'https://openrouter.ai/docs/api-reference',
  aliases: ['or'],
};
