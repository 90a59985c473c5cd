import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'hyperbolic',
  name: 'Hyperbolic',
  formats: ['openai-chat'],
  baseUrl: 'https://api.hyperbolic.xyz/v1',
  auth: 'bearer',
  tier: 'cheap',
  aliases: ['hyp'],
  ...modelTable(models, 'hyperbolic'),
  // Prices left out: the per-model tables we could read disagree (DeepSeek-V3-0324 at $1.25 in
  // lava.so's gateway docs, $0.25 in LiteLLM's), and Hyperbolic's own docs give only ranges.
  docsUrl: 'https://docs.hyperbolic.xyz/docs/rest-api',
};
