import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'zai',
  name: 'Z.ai (GLM API)',
  formats: ['openai-chat'],
  baseUrl: 'https://api.z.ai/api/paas/v4',
  auth: 'bearer',
  tier: 'api-key',
  // GLM-5.3 reached the pay-per-use API on 2026-08-19, after the models.dev snapshot.
  ...modelTable(models, 'zai'),
  freeTier: {
    note: 'GLM-4.7-Flash and GLM-4.5-Flash cost nothing per token (price list rows at $0).',
    checked: '2026-07-02',
    source:
      'https://docs.z.ai/guides/overview/pricing, as recorded in models.dev (github.com/anomalyco/models.dev@f3fc692, providers/zai)',
  },
  docsUrl: 'https://docs.z.ai/guides/overview/pricing',
};
