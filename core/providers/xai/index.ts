import type { ProviderDefinition } from '../types.js';

const SOURCE = 'models.dev (github.com/anomalyco/models.dev@f3fc692, providers/xai)';
const CHECKED = '2026-07-02';

export const provider: ProviderDefinition = {
  id: 'xai',
  name: 'xAI',
  formats: ['openai-chat', 'openai-responses'],
  baseUrl: 'https://api.x.ai/v1',
  auth: 'bearer',
  tier: 'api-key',
  // Current models first (from models.dev (github.com/anomalyco/models.dev@f3fc692, providers/xai), 2026-07-02), then older ones still served.
  models: ['grok-4.3', 'grok-build-0.1', 'grok-4', 'grok-3-mini', 'grok-code-fast-1'],
  modelInfo: {
    'grok-4.3': { contextWindow: 1_000_000 },
    'grok-build-0.1': { contextWindow: 256_000 },
  },
  prices: {
    'grok-4.3': {
      input: 1.25,
      output: 2.5,
      cachedInput: 0.2,
      ownModel: true,
      source: SOURCE,
      checked: CHECKED,
    },
    'grok-build-0.1': {
      input: 1,
      output: 2,
      cachedInput: 0.2,
      ownModel: true,
      source: SOURCE,
      checked: CHECKED,
    },
  },
  docsUrl: 'https://docs.x.ai/docs/api-reference',
  aliases: ['grok'],
};
