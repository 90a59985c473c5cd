import type { ProviderDefinition } from '../types.js';

// Prices from models.dev, the source's date; K3 (released 2026-07-16) is after it, so unpriced here.
const SOURCE = 'models.dev (github.com/anomalyco/models.dev@f3fc692, providers/moonshotai)';
const CHECKED = '2026-07-02';

export const provider: ProviderDefinition = {
  id: 'kimi',
  name: 'Kimi (Moonshot)',
  formats: ['openai-chat'],
  baseUrl: 'https://api.moonshot.ai/v1',
  auth: 'bearer',
  tier: 'cheap',
  // The K2 previews and kimi-k2-thinking were discontinued in 2026; K3 is the flagship since July 2026.
  models: ['kimi-k3', 'kimi-k2.6', 'kimi-k2.7-code', 'kimi-k2.7-code-highspeed'],
  modelInfo: {
    'kimi-k3': { contextWindow: 1_048_576 },
    'kimi-k2.6': { contextWindow: 262_144 },
    'kimi-k2.7-code': { contextWindow: 262_144 },
  },
  prices: {
    'kimi-k2.6': {
      input: 0.95,
      output: 4,
      cachedInput: 0.16,
      ownModel: true,
      source: SOURCE,
      checked: CHECKED,
    },
    'kimi-k2.7-code': {
      input: 0.95,
      output: 4,
      cachedInput: 0.19,
      ownModel: true,
      source: SOURCE,
      checked: CHECKED,
    },
    'kimi-k2.7-code-highspeed': {
      input: 1.9,
      output: 8,
      cachedInput: 0.38,
      ownModel: true,
      source: SOURCE,
      checked: CHECKED,
    },
  },
  docsUrl: 'https://platform.moonshot.ai/docs/api/chat',
  aliases: ['moonshot'],
};
