import type { ProviderDefinition } from '../types.js';

const SOURCE = 'models.dev (github.com/anomalyco/models.dev@f3fc692, providers/mistral)';
const CHECKED = '2026-07-02';

export const provider: ProviderDefinition = {
  id: 'mistral',
  name: 'Mistral',
  formats: ['openai-chat'],
  baseUrl: 'https://api.mistral.ai/v1',
  auth: 'bearer',
  tier: 'api-key',
  // Current models first (from models.dev (github.com/anomalyco/models.dev@f3fc692, providers/mistral), 2026-07-02), then older ones still served.
  models: [
    'mistral-medium-2604',
    'devstral-latest',
    'mistral-small-latest',
    'mistral-large-latest',
    'codestral-latest',
    'devstral-medium-latest',
    'voxtral-mini-latest',
    'mistral-embed',
    'codestral-embed',
  ],
  modelInfo: {
    'voxtral-mini-latest': { kind: 'transcription' },
    'mistral-embed': { kind: 'embedding' },
    'codestral-embed': { kind: 'embedding' },
    'mistral-medium-2604': { contextWindow: 262_144 },
    'devstral-latest': { contextWindow: 262_144 },
    'mistral-small-latest': { contextWindow: 256_000 },
  },
  prices: {
    'mistral-medium-2604': { input: 1.5, output: 7.5, ownModel: true, source: SOURCE, checked: CHECKED },
    'devstral-latest': { input: 0.4, output: 2.0, ownModel: true, source: SOURCE, checked: CHECKED },
    'mistral-small-latest': { input: 0.15, output: 0.6, ownModel: true, source: SOURCE, checked: CHECKED },
  },
  docsUrl: 'https://docs.mistral.ai/api',
  quirks: {
    noStreamOptions: true,
  },
};
