import type { ProviderDefinition } from '../types.js';
import { modelTable, modelsDev } from '../model-table.js';

export const provider: ProviderDefinition = {
  id: 'kimi',
  name: 'Kimi (Moonshot)',
  formats: ['openai-chat'],
  baseUrl: 'https://api.moonshot.ai/v1',
  auth: 'bearer',
  tier: 'cheap',
  // The K2 previews and kimi-k2-thinking were discontinued in 2026; K3 is the flagship since July 2026.
  ...modelTable(modelsDev('moonshotai', { ownModel: true }), [
    // K3 (released 2026-07-16) came after the models.dev snapshot, so it is unpriced here.
    { id: 'kimi-k3', context: 1_048_576 },
    { id: 'kimi-k2.6', context: 262_144, input: 0.95, output: 4, cachedInput: 0.16 },
    { id: 'kimi-k2.7-code', context: 262_144, input: 0.95, output: 4, cachedInput: 0.19 },
    { id: 'kimi-k2.7-code-highspeed', input: 1.9, output: 8, cachedInput: 0.38 },
  ]),
  docsUrl: 'https://platform.moonshot.ai/docs/api/chat',
  aliases: ['moonshot'],
};
