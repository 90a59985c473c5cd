import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';

export const provider: ProviderDefinition = {
  id: 'groq',
  name: 'Groq',
  formats: ['openai-chat'],
  baseUrl: 'https://api.groq.com/openai/v1',
  auth: 'bearer',
  tier: 'free',
  ...modelTable([
    'llama-3.3-70b-versatile',
    'qwen/qwen3-32b',
    'openai/gpt-oss-120b',
    { id: 'whisper-large-v3', kind: 'transcription' },
    { id: 'whisper-large-v3-turbo', kind: 'transcription' },
  ]),
  freeTier: {
    note: 'Free plan, limits per model and organization: llama-3.3-70b-versatile and gpt-oss-120b 30 requests per minute and 1,000 per day (token limits too); your own figures are on the console limits page.',
    checked: '2026-07-25',
    source:
      'https://console.groq.com/docs/rate-limits, as quoted in github.com/xyzs996/free-llm-api/discussions/3',
  },
  docsUrl: 'https://console.groq.com/docs/api-reference',
};
