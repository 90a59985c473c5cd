import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';

export const provider: ProviderDefinition = {
  id: 'fireworks',
  name: 'Fireworks AI',
  formats: ['openai-chat'],
  baseUrl: 'https://api.fireworks.ai/inference/v1',
  auth: 'bearer',
  tier: 'cheap',
  ...modelTable([
    'accounts/fireworks/models/kimi-k2-instruct',
    'accounts/fireworks/models/qwen3-coder-480b-a35b-instruct',
    { id: 'nomic-ai/nomic-embed-text-v1.5', kind: 'embedding' },
  ]),
  docsUrl: 'https://docs.fireworks.ai/api-reference',
};
