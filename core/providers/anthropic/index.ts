import type { ProviderDefinition } from '../types.js';

const SOURCE = 'models.dev (github.com/anomalyco/models.dev@f3fc692, providers/anthropic)';
const CHECKED = '2026-07-02';

export const provider: ProviderDefinition = {
  id: 'anthropic',
  name: 'Anthropic',
  formats: ['anthropic'],
  baseUrl: 'https://api.anthropic.com/v1',
  auth: 'x-api-key',
  tier: 'api-key',
  // Current models first (from models.dev (github.com/anomalyco/models.dev@f3fc692, providers/anthropic), 2026-07-02), then older ones still served.
  models: [
    'claude-sonnet-5',
    'claude-opus-4-8',
    'claude-sonnet-4-6',
    'claude-opus-4-5',
    'claude-sonnet-4-5',
    'claude-haiku-4-5',
  ],
  modelInfo: {
    'claude-sonnet-5': { contextWindow: 1_000_000 },
    'claude-opus-4-8': { contextWindow: 1_000_000 },
    'claude-sonnet-4-6': { contextWindow: 1_000_000 },
  },
  prices: {
    'claude-sonnet-5': {
      input: 2.0,
      output: 10.0,
      cachedInput: 0.2,
      cacheWrite: 2.5,
      ownModel: true,
      source: SOURCE,
      checked: CHECKED,
    },
    'claude-opus-4-8': {
      input: 5.0,
      output: 25.0,
      cachedInput: 0.5,
      cacheWrite: 6.25,
      ownModel: true,
      source: SOURCE,
      checked: CHECKED,
    },
    'claude-sonnet-4-6': {
      input: 3.0,
      output: 15.0,
      cachedInput: 0.3,
      cacheWrite: 3.75,
      ownModel: true,
      source: SOURCE,
      checked: CHECKED,
    },
  },
  docsUrl: 'https://docs.anthropic.com/en/api/messages',
  headers: {
    'anthropic-version': '2023-06-01',
  },
};
