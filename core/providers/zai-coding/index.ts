import type { ProviderDefinition } from '../types.js';

/** The GLM Coding Plan's OpenAI-compatible endpoint: a Coding Plan key, a flat fee with the plan's own usage windows (no per-token price). */
export const provider: ProviderDefinition = {
  id: 'zai-coding',
  name: 'Z.ai GLM Coding Plan',
  formats: ['openai-chat'],
  baseUrl: 'https://api.z.ai/api/coding/paas/v4',
  auth: 'bearer',
  tier: 'subscription',
  models: ['glm-5.4', 'glm-5.3', 'glm-5.2', 'glm-5.1', 'glm-4.7'],
  modelInfo: {
    'glm-5.4': { contextWindow: 1_000_000 },
    'glm-5.3': { contextWindow: 1_000_000 },
    'glm-5.1': { contextWindow: 200_000 },
    'glm-4.7': { contextWindow: 204_800 },
  },
  docsUrl: 'https://docs.z.ai/devpack/overview',
};
