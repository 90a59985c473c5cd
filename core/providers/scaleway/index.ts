import type { ProviderDefinition } from '../types.js';

// Prices and context windows from models.dev (github.com/anomalyco/models.dev@f3fc692, providers/scaleway), the source's date.
const SOURCE = 'models.dev (github.com/anomalyco/models.dev@f3fc692, providers/scaleway)';
const CHECKED = '2026-07-02';

export const provider: ProviderDefinition = {
  id: 'scaleway',
  name: 'Scaleway Generative APIs',
  formats: ['openai-chat'],
  baseUrl: 'https://api.scaleway.ai/v1',
  auth: 'bearer',
  tier: 'api-key',
  models: [
    'qwen3.5-397b-a17b',
    'devstral-2-123b-instruct-2512',
    'gpt-oss-120b',
    'qwen3-coder-30b-a3b-instruct',
    'llama-3.3-70b-instruct',
  ],
  modelInfo: {
    'qwen3.5-397b-a17b': { contextWindow: 256_000 },
    'devstral-2-123b-instruct-2512': { contextWindow: 256_000 },
    'gpt-oss-120b': { contextWindow: 128_000 },
    'qwen3-coder-30b-a3b-instruct': { contextWindow: 128_000 },
    'llama-3.3-70b-instruct': { contextWindow: 100_000 },
  },
  prices: {
    'qwen3.5-397b-a17b': { input: 0.6, output: 3.6, source: SOURCE, checked: CHECKED },
    'devstral-2-123b-instruct-2512': { input: 0.4, output: 2, source: SOURCE, checked: CHECKED },
    'gpt-oss-120b': { input: 0.15, output: 0.6, source: SOURCE, checked: CHECKED },
    'qwen3-coder-30b-a3b-instruct': { input: 0.2, output: 0.8, source: SOURCE, checked: CHECKED },
    'llama-3.3-70b-instruct': { input: 0.9, output: 0.9, source: SOURCE, checked: CHECKED },
  },
  docsUrl: 'https://www.scaleway.com/en/docs/generative-apis/',
};
