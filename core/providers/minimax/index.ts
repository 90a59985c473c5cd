import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'minimax',
  name: 'MiniMax',
  formats: ['openai-chat'],
  baseUrl: 'https://api.minimax.io/v1',
  auth: 'bearer',
  tier: 'subscription',
  // MiniMax's model guide (platform.minimax.io/docs/guides/text-generation, read 2026-12-06, also
  // the context windows): M3 is the latest, M2.7 stays available. M3's price is left out: the
  // sources we could read disagree ($0.30/$1.20 and $0.60/$2.40).
  ...modelTable(models, 'minimax'),
  docsUrl: 'https://platform.minimax.io/docs/api-reference',
};
