import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'ollama',
  name: 'Ollama',
  formats: ['openai-chat'],
  baseUrl: 'http://127.0.0.1:11434/v1',
  auth: 'none',
  tier: 'local',
  ...modelTable(models, 'ollama'),
  docsUrl: 'https://github.com/ollama/ollama/blob/main/docs/openai.md',
  local: true,
};
