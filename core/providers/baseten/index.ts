import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'baseten',
  name: 'Baseten Model APIs',
  formats: ['openai-chat'],
  baseUrl: 'https://inference.baseten.co/v1',
  auth: 'bearer',
  tier: 'cheap',
  ...modelTable(models, 'baseten'),
  docsUrl: 'https://docs.baseten.co/inference/model-apis/overview',
};
