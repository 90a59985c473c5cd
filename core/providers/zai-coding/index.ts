import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';

/** The GLM Coding Plan's OpenAI-compatible endpoint: a Coding Plan key, a flat fee with the plan's own usage windows (no per-token price). */
export const provider: ProviderDefinition = {
  id: 'zai-coding',
  name: 'Z.ai GLM Coding Plan',
  formats: ['openai-chat'],
  baseUrl: 'https://api.z.ai/api/coding/paas/v4',
  auth: 'bearer',
  tier: 'subscription',
  ...modelTable([
    { id: 'glm-5.4', context: 1_000_000 },
    { id: 'glm-5.3', context: 1_000_000 },
    'glm-5.2',
    { id: 'glm-5.1', context: 200_000 },
    { id: 'glm-4.7', context: 204_800 },
  ]),
  docsUrl: 'https://docs.z.ai/devpack/overview',
};
