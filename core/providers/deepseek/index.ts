import type { ProviderDefinition } from '../types.js';

const SOURCE = 'models.dev (github.com/anomalyco/models.dev@f3fc692, providers/deepseek)';
const CHECKED = '2026-07-02';

export const provider: ProviderDefinition = {
  id: 'deepseek',
  name: 'DeepSeek',
  formats: ['openai-chat'],
  baseUrl: 'https://api.deepseek.com/v1',
  auth: 'bearer',
  tier: 'cheap',
  // Current models first (from models.dev (github.com/anomalyco/models.dev@f3fc692, providers/deepseek), 2026-07-02), then older ones still served.
  models: ['deepseek-v4-pro', 'deepseek-v4-flash', 'deepseek-chat', 'deepseek-reasoner'],
  modelInfo: {
    'deepseek-v4-pro': { contextWindow: 1_000_000 },
    'deepseek-v4-flash': { contextWindow: 1_000_000 },
  },
  prices: {
    'deepseek-v4-pro': {
      input: 0.435,
      output: 0.87,
      cachedInput: 0.003625,
      ownModel: true,
      source: SOURCE,
      checked: CHECKED,
    },
    'deepseek-v4-flash': {
      input: 0.14,
      output: 0.28,
      cachedInput: 0.0028,
      ownModel: true,
      source: SOURCE,
      checked: CHECKED,
    },
  },
  docsUrl: 'https://api-docs.deepseek.com',
  aliases: ['ds'],
};
