import type { ProviderDefinition } from '../types.js';

export const provider: ProviderDefinition = {
  id: 'anthropic',
  name: 'Anthropic',
  formats: ['anthropic'],
  baseUrl: 'https://api.anthropic.com/v1',
  auth: 'x-api-key',
  tier: 'api-key',
  models: ['claude-opus-4-5', 'claude-sonnet-4-5', 'claude-haiku-4-5'],
  docsUrl: 'https://docs.anthropic.com/en/api/messages',
  headers: {
    'anthropic-version': '2023-06-01',
  },
};
