import type { ProviderDefinition } from '../types.js';

// Prices and context windows from models.dev (github.com/anomalyco/models.dev@f3fc692, providers/inception), the source's date.
const SOURCE = 'models.dev (github.com/anomalyco/models.dev@f3fc692, providers/inception)';
const CHECKED = '2026-07-02';

export const provider: ProviderDefinition = {
  id: 'inception',
  name: 'Inception (Mercury)',
  formats: ['openai-chat'],
  baseUrl: 'https://api.inceptionlabs.ai/v1',
  auth: 'bearer',
  tier: 'api-key',
  models: ['mercury-2'],
  modelInfo: {
    'mercury-2': { contextWindow: 128_000 },
  },
  prices: {
    'mercury-2': { input: 0.25, output: 0.75, cachedInput: 0.025, source: SOURCE, checked: CHECKED },
  },
  docsUrl: 'https://docs.inceptionlabs.ai/',
};
