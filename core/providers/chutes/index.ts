import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'chutes',
  name: 'Chutes',
  formats: ['openai-chat'],
  baseUrl: 'https://llm.chutes.ai/v1',
  auth: 'bearer',
  tier: 'cheap',
  aliases: ['ch'],
  ...modelTable(models, 'chutes'),
  docsUrl: 'https://chutes.ai/docs',
};
