import type { ProviderDefinition } from '../types.js';
import { modelTable, modelsDev } from '../model-table.js';

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
  ...modelTable(modelsDev('minimax', { ownModel: true }), [
    { id: 'MiniMax-M3', context: 1_000_000 },
    { id: 'MiniMax-M2.7', context: 204_800, input: 0.3, output: 1.2, cachedInput: 0.06 },
    { id: 'MiniMax-M2.7-highspeed', context: 204_800, input: 0.6, output: 2.4, cachedInput: 0.06 },
  ]),
  docsUrl: 'https://platform.minimax.io/docs/api-reference',
};
