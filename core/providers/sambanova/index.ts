import type { ProviderDefinition } from '../types.js';

export const provider: ProviderDefinition = {
  id: 'sambanova',
  name: 'SambaNova Cloud',
  formats: ['openai-chat'],
  baseUrl: 'https://api.sambanova.ai/v1',
  auth: 'bearer',
  tier: 'free',
  models: ['DeepSeek-V3.2', 'DeepSeek-V3.1', 'gpt-oss-120b', 'Meta-Llama-3.3-70B-Instruct'],
  freeTier: {
    note: 'Free tier while no payment method is linked to the account, with lower requests per minute and per day than the Developer tier (per-model table in the docs).',
    checked: '2026-12-06',
    source: 'https://docs.sambanova.ai/cloud/api-reference/using-the-api/rate-limits',
  },
  docsUrl: 'https://docs.sambanova.ai/cloud/api-reference',
};
