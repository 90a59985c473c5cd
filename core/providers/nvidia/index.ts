import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'nvidia',
  name: 'NVIDIA NIM',
  formats: ['openai-chat'],
  baseUrl: 'https://integrate.api.nvidia.com/v1',
  auth: 'bearer',
  tier: 'free',
  ...modelTable(models, 'nvidia'),
  freeTier: {
    note: 'Trial access with an NVIDIA Developer Program account: the API credits were retired for a per-key rate limit that varies with the model, the use and the load (40 requests per minute reported by users; your own figure is shown on build.nvidia.com). NVIDIA publishes no figure in its docs.',
    checked: '2026-12-06',
    source:
      'NVIDIA Developer Forums staff as quoted in https://github.com/steipete/CodexBar/issues/2498; the 40 per minute in https://github.com/decolua/9router/pull/3203 (2026-08-10)',
  },
  docsUrl: 'https://docs.api.nvidia.com/nim/reference',
  aliases: ['nim'],
};
