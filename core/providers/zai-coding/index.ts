import type { ProviderDefinition } from '../types.js';
import { modelTable, modelsDev } from '../model-table.js';

/** The GLM Coding Plan's OpenAI-compatible endpoint: a Coding Plan key, a flat fee with the plan's own usage windows (no per-token price). */
export const provider: ProviderDefinition = {
  id: 'zai-coding',
  name: 'Z.ai GLM Coding Plan',
  formats: ['openai-chat'],
  baseUrl: 'https://api.z.ai/api/coding/paas/v4',
  auth: 'bearer',
  tier: 'subscription',
  // $0 per token where models.dev lists the plan's model (the fee is flat); GLM-5.4 and 5.3 came
  // after that snapshot.
  ...modelTable(modelsDev('zai-coding-plan'), [
    { id: 'glm-5.4', context: 1_000_000 },
    { id: 'glm-5.3', context: 1_000_000 },
    { id: 'glm-5.2', input: 0, output: 0 },
    { id: 'glm-5.1', context: 200_000, input: 0, output: 0 },
    { id: 'glm-4.7', context: 204_800, input: 0, output: 0 },
  ]),
  docsUrl: 'https://docs.z.ai/devpack/overview',
};
