import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';

export const provider: ProviderDefinition = {
  id: 'ollama',
  name: 'Ollama',
  formats: ['openai-chat'],
  baseUrl: 'http://127.0.0.1:11434/v1',
  auth: 'none',
  tier: 'local',
  ...modelTable(['llama3.2', 'qwen2.5-coder', { id: 'nomic-embed-text', kind: 'embedding' }]),
  docsUrl: 'https://github.com/ollama/ollama/blob/main/docs/openai.md',
  local: true,
};
