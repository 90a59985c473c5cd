import type { ProviderDefinition } from '../types.js';
import { modelTable, modelsDev } from '../model-table.js';

export const provider: ProviderDefinition = {
  id: 'anthropic',
  name: 'Anthropic',
  formats: ['anthropic'],
  baseUrl: 'https://api.anthropic.com/v1',
  auth: 'x-api-key',
  tier: 'api-key',
  // Current models first, then older ones still served.
  ...modelTable(modelsDev('anthropic', { ownModel: true }), [
    { id: 'claude-sonnet-5', context: 1_000_000, input: 2, output: 10, cachedInput: 0.2, cacheWrite: 2.5 },
    { id: 'claude-opus-4-8', context: 1_000_000, input: 5, output: 25, cachedInput: 0.5, cacheWrite: 6.25 },
    { id: 'claude-sonnet-4-6', context: 1_000_000, input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 },
    'claude-opus-4-5',
    'claude-sonnet-4-5',
    'claude-haiku-4-5',
  ]),
  docsUrl: 'https://docs.anthropic.com/en/api/messages',
  headers: {
    'anthropic-version': '2023-06-01',
  },
};
