import type { ProviderDefinition } from '../types.js';

// Prices and context windows from models.dev (github.com/anomalyco/models.dev@f3fc692, providers/vercel), the source's date.
const SOURCE = 'models.dev (github.com/anomalyco/models.dev@f3fc692, providers/vercel)';
const CHECKED = '2026-07-02';

export const provider: ProviderDefinition = {
  id: 'vercel',
  name: 'Vercel AI Gateway',
  formats: ['openai-chat'],
  baseUrl: 'https://ai-gateway.vercel.sh/v1',
  auth: 'bearer',
  tier: 'cheap',
  models: [
    'anthropic/claude-sonnet-5',
    'zai/glm-5.2',
    'minimax/minimax-m3',
    'moonshotai/kimi-k2.7-code-highspeed',
  ],
  modelInfo: {
    'minimax/minimax-m3': { contextWindow: 1_000_000 },
  },
  prices: {
    'anthropic/claude-sonnet-5': { input: 2, output: 10, cachedInput: 0.2, source: SOURCE, checked: CHECKED },
    'zai/glm-5.2': { input: 1.5, output: 4.5, cachedInput: 0.3, source: SOURCE, checked: CHECKED },
    'minimax/minimax-m3': { input: 0.3, output: 1.2, cachedInput: 0.06, source: SOURCE, checked: CHECKED },
    'moonshotai/kimi-k2.7-code-highspeed': {
      input: 1.9,
      output: 8,
      cachedInput: 0.38,
      source: SOURCE,
      checked: CHECKED,
    },
  },
  docsUrl: 'https://vercel.com/docs/ai-gateway/sdks-and-apis/openai-chat-completions',
};
