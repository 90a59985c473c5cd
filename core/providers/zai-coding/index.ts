import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

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
  ...modelTable(models, 'zai-coding'),
  docsUrl: 'https://docs.z.ai/devpack/overview',
};
