import type { ProviderDefinition } from '../types.js';

const SOURCE = 'models.dev (github.com/anomalyco/models.dev@f3fc692, providers/openai)';
const CHECKED = '2026-07-02';

export const provider: ProviderDefinition = {
  id: 'openai',
  name: 'OpenAI',
  formats: ['openai-responses', 'openai-chat'],
  baseUrl: 'https://api.openai.com/v1',
  auth: 'bearer',
  tier: 'api-key',
  // Current models first (from models.dev (github.com/anomalyco/models.dev@f3fc692, providers/openai), 2026-07-02), then older ones still served.
  models: [
    'gpt-5.5',
    'gpt-5.4',
    'gpt-5.4-mini',
    'gpt-5.3-codex',
    'gpt-5.1',
    'gpt-5-mini',
    'gpt-4.1',
    'gpt-4.1-mini',
    'o4-mini',
  ],
  modelInfo: {
    'gpt-5.5': { contextWindow: 1_050_000 },
    'gpt-5.4': { contextWindow: 1_050_000 },
    'gpt-5.4-mini': { contextWindow: 400_000 },
    'gpt-5.3-codex': { contextWindow: 400_000 },
  },
  prices: {
    'gpt-5.5': {
      input: 5.0,
      output: 30.0,
      cachedInput: 0.5,
      ownModel: true,
      source: SOURCE,
      checked: CHECKED,
    },
    'gpt-5.4': {
      input: 2.5,
      output: 15.0,
      cachedInput: 0.25,
      ownModel: true,
      source: SOURCE,
      checked: CHECKED,
    },
    'gpt-5.4-mini': {
      input: 0.75,
      output: 4.5,
      cachedInput: 0.075,
      ownModel: true,
      source: SOURCE,
      checked: CHECKED,
    },
    'gpt-5.3-codex': {
      input: 1.75,
      output: 14.0,
      cachedInput: 0.175,
      ownModel: true,
      source: SOURCE,
      checked: CHECKED,
    },
  },
  docsUrl: 'https://platform.openai.com/docs/api-reference',
  quirks: {
    maxTokensField: 'max_completion_tokens',
  },
};
