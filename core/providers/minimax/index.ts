import type { ProviderDefinition } from '../types.js';

// Context windows: platform.minimax.io/docs/guides/text-generation (read 2026-12-06).
const SOURCE = 'models.dev (github.com/anomalyco/models.dev@f3fc692, providers/minimax)';
const CHECKED = '2026-07-02';

export const provider: ProviderDefinition = {
  id: 'minimax',
  name: 'MiniMax',
  formats: ['openai-chat'],
  baseUrl: 'https://api.minimax.io/v1',
  auth: 'bearer',
  tier: 'subscription',
  // MiniMax's model guide: M3 is the latest, M2.7 stays available.
  models: ['MiniMax-M3', 'MiniMax-M2.7', 'MiniMax-M2.7-highspeed'],
  modelInfo: {
    'MiniMax-M3': { contextWindow: 1_000_000 },
    'MiniMax-M2.7': { contextWindow: 204_800 },
    'MiniMax-M2.7-highspeed': { contextWindow: 204_800 },
  },
  // M3's price is left out: the sources we could read disagree ($0.30/$1.20 and $0.60/$2.40).
  prices: {
    'MiniMax-M2.7': {
      input: 0.3,
      output: 1.2,
      cachedInput: 0.06,
      ownModel: true,
      source: SOURCE,
      checked: CHECKED,
    },
    'MiniMax-M2.7-highspeed': {
      input: 0.6,
      output: 2.4,
      cachedInput: 0.06,
      ownModel: true,
      source: SOURCE,
      checked: CHECKED,
    },
  },
  docsUrl: 'https://platform.minimax.io/docs/api-reference',
};
