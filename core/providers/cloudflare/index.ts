import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

/** Workers AI's OpenAI-compatible endpoint: the account id is part of every URL. */
export const provider: ProviderDefinition = {
  id: 'cloudflare',
  name: 'Cloudflare Workers AI',
  formats: ['openai-chat'],
  baseUrl: 'https://api.cloudflare.com/client/v4/accounts/{accountId}/ai/v1',
  auth: 'bearer',
  tier: 'free',
  aliases: ['cf', 'workers-ai'],
  ...modelTable(models, 'cloudflare'),
  freeTier: {
    note: '10,000 Neurons per day at no charge on Workers Free and Workers Paid, reset at 00:00 UTC; above that $0.011 per 1,000 Neurons (Workers Paid only). Some large models need a paid plan.',
    checked: '2026-12-06',
    source: 'https://developers.cloudflare.com/workers-ai/platform/pricing/',
  },
  accountFields: [{ key: 'accountId', label: 'Cloudflare account id (dashboard → Workers AI)' }],
  docsUrl: 'https://developers.cloudflare.com/workers-ai/configuration/open-ai-compatibility/',
};
