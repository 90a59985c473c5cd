import type { ProviderDefinition } from '../types.js';

export const provider: ProviderDefinition = {
  id: 'groq',
  name: 'Groq',
  formats: ['openai-chat'],
  baseUrl: 'https://api.groq.com/openai/v1',
  auth: 'bearer',
  tier: 'free',
  models: [
    'llama-3.3-70b-versatile',
    'qwen/qwen3-32b',
    'openai/gpt-oss-120b',
    'whisper-large-v3',
    'whisper-large-v3-turbo',
  ],
  modelInfo: {
    'whisper-large-v3': { kind: 'transcription' },
    'whisper-large-v3-turbo': { kind: 'transcription' },
  },
  docsUrl: 'https://console.groq.com/docs/api-reference',
};
