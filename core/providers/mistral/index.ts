import type { ProviderDefinition } from '../types.js';

export const provider: ProviderDefinition = {
  id: 'mistral',
  name: 'Mistral',
  formats: ['openai-chat'],
  baseUrl: 'https://api.mistral.ai/v1',
  auth: 'bearer',
  tier: 'api-key',
  models: [
    'mistral-large-latest',
    'codestral-latest',
    'devstral-medium-latest',
    'mistral-embed',
    'codestral-embed',
    'voxtral-mini-latest',
  ],
  modelInfo: {
    'voxtral-mini-latest': { kind: 'transcription' },
    'mistral-embed': { kind: 'embedding' },
    'codestral-embed': { kind: 'embedding' },
  },
  docsUrl: 'https://docs.mistral.ai/api',
  quirks: {
    noStreamOptions: true,
  },
};
