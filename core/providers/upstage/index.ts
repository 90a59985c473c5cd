import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'upstage',
  name: 'Upstage Solar',
  formats: ['openai-chat'],
  baseUrl: 'https://api.upstage.ai/v1/solar',
  auth: 'bearer',
  tier: 'api-key',
  ...modelTable(models, 'upstage'),
  docsUrl: 'https://developers.upstage.ai/docs/apis/chat',
};
