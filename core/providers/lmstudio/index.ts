import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';

export const provider: ProviderDefinition = {
  id: 'lmstudio',
  name: 'LM Studio',
  formats: ['openai-chat'],
  baseUrl: 'http://127.0.0.1:1234/v1',
  auth: 'none',
  tier: 'local',
  ...modelTable(['local-model', { id: 'text-embedding-nomic-embed-text-v1.5', kind: 'embedding' }]),
  docsUrl: 'https://lmstudio.ai/docs/app/api/endpoints/openai',
  aliases: ['lms'],
  local: true,
};
