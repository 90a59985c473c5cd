import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'kimi',
  name: 'Kimi (Moonshot)',
  formats: ['openai-chat'],
  baseUrl: 'https://api.moonshot.ai/v1',
  auth: 'bearer',
  tier: 'cheap',
  // The K2 previews and kimi-k2-thinking were discontinued in 2026; K3 is the flagship since July
  // 2026, released (2026-07-16) after the models.dev snapshot, so it is unpriced.
  ...modelTable(models, 'kimi'),
  docsUrl: 'https://platform.moonshot.ai/docs/api/chat',
  aliases: ['moonshot'],
};
