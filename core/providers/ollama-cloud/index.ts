import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'ollama-cloud',
  name: 'Ollama Cloud',
  formats: ['openai-chat'],
  baseUrl: 'https://ollama.com/v1',
  auth: 'bearer',
  tier: 'subscription',
  ...modelTable(models, 'ollama-cloud'),
  docsUrl: 'https://docs.ollama.com/cloud',
};
