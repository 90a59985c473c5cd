import type { ProviderDefinition } from '../types.js';
import { modelTable, modelsDev } from '../model-table.js';

// GLM-5.3 reached the pay-per-use API on 2026-08-19, after the models.dev snapshot.
const GLM53 = {
  source:
    "Z.ai's price table as quoted in dev.to/owen_fox/glm-53-api-pricing-endpoints-and-reasoningeffort-40oa (snapshot 2026-08-19)",
  checked: '2026-08-19',
};

export const provider: ProviderDefinition = {
  id: 'zai',
  name: 'Z.ai (GLM API)',
  formats: ['openai-chat'],
  baseUrl: 'https://api.z.ai/api/paas/v4',
  auth: 'bearer',
  tier: 'api-key',
  ...modelTable(modelsDev('zai', { ownModel: true }), [
    { id: 'glm-5.3', context: 1_000_000, input: 1.4, output: 4.4, cachedInput: 0.26, ...GLM53 },
    { id: 'glm-5.2', input: 1.4, output: 4.4, cachedInput: 0.26 },
    { id: 'glm-5.1', input: 1.4, output: 4.4, cachedInput: 0.26 },
    { id: 'glm-4.7', context: 204_800, input: 0.6, output: 2.2, cachedInput: 0.11 },
    { id: 'glm-4.7-flash', context: 200_000, free: true, input: 0, output: 0 },
  ]),
  freeTier: {
    note: 'GLM-4.7-Flash and GLM-4.5-Flash cost nothing per token (price list rows at $0).',
    checked: '2026-07-02',
    source:
      'https://docs.z.ai/guides/overview/pricing, as recorded in models.dev (github.com/anomalyco/models.dev@f3fc692, providers/zai)',
  },
  docsUrl: 'https://docs.z.ai/guides/overview/pricing',
};
