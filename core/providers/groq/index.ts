import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'groq',
  name: 'Groq',
  formats: ['openai-chat'],
  baseUrl: 'https://api.groq.com/openai/v1',
  auth: 'bearer',
  tier: 'free',
  ...modelTable(models, 'groq'),
  freeTier: {
    note: 'Free plan, limits per model and organization: llama-3.3-70b-versatile and gpt-oss-120b 30 requests per minute and 1,000 per day (token limits too); your own figures are on the console limits page.',
    checked: '2026-07-25',
    source:
      'https://console.groq.com/docs/rate-limits, as quoted in github.com/xyzs996/free-llm-api/discussions/3',
  },
  docsUrl: 'https://console.groq.com/docs/api-reference',
};
