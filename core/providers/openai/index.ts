import type { ProviderDefinition } from '../types.js';
import { modelTable, modelsDev } from '../model-table.js';

export const provider: ProviderDefinition = {
  id: 'openai',
  name: 'OpenAI',
  formats: ['openai-responses', 'openai-chat'],
  baseUrl: 'https://api.openai.com/v1',
  auth: 'bearer',
  tier: 'api-key',
  // Current models first, then older ones still served.
  ...modelTable(modelsDev('openai', { ownModel: true }), [
    { id: 'gpt-5.5', context: 1_050_000, input: 5, output: 30, cachedInput: 0.5 },
    { id: 'gpt-5.4', context: 1_050_000, input: 2.5, output: 15, cachedInput: 0.25 },
    { id: 'gpt-5.4-mini', context: 400_000, input: 0.75, output: 4.5, cachedInput: 0.075 },
    { id: 'gpt-5.3-codex', context: 400_000, input: 1.75, output: 14, cachedInput: 0.175 },
    'gpt-5.1',
    'gpt-5-mini',
    'gpt-4.1',
    'gpt-4.1-mini',
    'o4-mini',
    { id: 'gpt-image-1', kind: 'image' },
    { id: 'dall-e-3', kind: 'image' },
    { id: 'gpt-4o-mini-tts', kind: 'speech' },
    { id: 'tts-1', kind: 'speech' },
    { id: 'whisper-1', kind: 'transcription' },
    { id: 'gpt-4o-transcribe', kind: 'transcription' },
    { id: 'text-embedding-3-small', kind: 'embedding' },
    { id: 'text-embedding-3-large', kind: 'embedding' },
    { id: 'omni-moderation-latest', kind: 'moderation' },
  ]),
  docsUrl: 'https://platform.openai.com/docs/api-reference',
  quirks: {
    maxTokensField: 'max_completion_tokens',
  },
};
