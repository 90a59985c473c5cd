import type { ProviderDefinition } from '../types.js';
import { modelTable, modelsDev } from '../model-table.js';

export const provider: ProviderDefinition = {
  id: 'vercel',
  name: 'Vercel AI Gateway',
  formats: ['openai-chat'],
  baseUrl: 'https://ai-gateway.vercel.sh/v1',
  auth: 'bearer',
  tier: 'cheap',
  ...modelTable(modelsDev('vercel'), [
    { id: 'anthropic/claude-sonnet-5', input: 2, output: 10, cachedInput: 0.2 },
    { id: 'zai/glm-5.2', input: 1.5, output: 4.5, cachedInput: 0.3 },
    { id: 'minimax/minimax-m3', context: 1_000_000, input: 0.3, output: 1.2, cachedInput: 0.06 },
    { id: 'moonshotai/kimi-k2.7-code-highspeed', input: 1.9, output: 8, cachedInput: 0.38 },
  ]),
  docsUrl: 'https://vercel.com/docs/ai-gateway/sdks-and-apis/openai-chat-completions',
};
