import type { ProviderDefinition } from '../types.js';

// Prices and context windows from models.dev (github.com/anomalyco/models.dev@f3fc692, providers/upstage), the source's date.
const SOURCE = 'models.dev (github.com/anomalyco/models.dev@f3fc692, providers/upstage)';
const CHECKED = '2026-07-02';

export const provider: ProviderDefinition = {
  id: 'upstage',
  name: 'Upstage Solar',
  formats: ['openai-chat'],
  baseUrl: 'https://api.upstage.ai/v1/solar',
  auth: 'bearer',
  tier: 'api-key',
  models: ['solar-pro3', 'solar-pro2', 'solar-mini'],
  modelInfo: {
    'solar-pro3': { contextWindow: 131_072 },
    'solar-pro2': { contextWindow: 65_536 },
    'solar-mini': { contextWindow: 32_768 },
  },
  prices: {
    'solar-pro3': { input: 0.25, output: 0.25, source: SOURCE, checked: CHECKED },
    'solar-pro2': { input: 0.25, output: 0.25, source: SOURCE, checked: CHECKED },
    'solar-mini': { input: 0.15, output: 0.15, source: SOURCE, checked: CHECKED },
  },
  docsUrl: 'https://developers.upstage.ai/docs/apis/chat',
};
