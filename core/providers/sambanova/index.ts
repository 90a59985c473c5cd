import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';

// Not in models.dev: two readings of SambaNova's rate card that agree.
const PRICES = {
  source:
    'cloud.sambanova.ai/pricing as quoted in https://usagepricing.com/blueprint/sambanova (rates as of June 2026) and https://www.lava.so/docs/gateway/providers/sambanova',
  checked: '2026-12-06',
};

export const provider: ProviderDefinition = {
  id: 'sambanova',
  name: 'SambaNova Cloud',
  formats: ['openai-chat'],
  baseUrl: 'https://api.sambanova.ai/v1',
  auth: 'bearer',
  tier: 'free',
  ...modelTable(PRICES, [
    { id: 'DeepSeek-V3.2', input: 3, output: 4.5 },
    { id: 'DeepSeek-V3.1', input: 3, output: 4.5 },
    { id: 'gpt-oss-120b', input: 0.22, output: 0.59 },
    { id: 'Meta-Llama-3.3-70B-Instruct', input: 0.6, output: 1.2 },
  ]),
  freeTier: {
    note: 'Free tier while no payment method is linked to the account, with lower requests per minute and per day than the Developer tier (per-model table in the docs).',
    checked: '2026-12-06',
    source: 'https://docs.sambanova.ai/cloud/api-reference/using-the-api/rate-limits',
  },
  docsUrl: 'https://docs.sambanova.ai/cloud/api-reference',
};
