import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'vercel',
  name: 'Vercel AI Gateway',
  formats: ['openai-chat'],
  baseUrl: 'https://ai-gateway.vercel.sh/v1',
  auth: 'bearer',
  tier: 'cheap',
  ...modelTable(models, 'vercel'),
  docsUrl: 'https://vercel.com/docs/ai-gateway/sdks-and-apis/openai-chat-completions',
};
