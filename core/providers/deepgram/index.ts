import type { ProviderDefinition } from '../types.js';

// Speech-to-text (/listen) and text-to-speech (/speak) in Deepgram's own API, translated from
// OpenAI's audio endpoints (core/formats/speech, core/formats/transcriptions). No chat.
export const provider: ProviderDefinition = {
  id: 'deepgram',
  name: 'Deepgram',
  formats: ['openai-chat'],
  baseUrl: 'https://api.deepgram.com/v1',
  auth: 'token',
  tier: 'api-key',
  models: ['nova-3', 'nova-2', 'aura-2-thalia-en', 'aura-2-andromeda-en'],
  modelInfo: {
    'nova-3': { kind: 'transcription' },
    'nova-2': { kind: 'transcription' },
    'aura-2-thalia-en': { kind: 'speech' },
    'aura-2-andromeda-en': { kind: 'speech' },
  },
  nativeApi: 'deepgram',
  docsUrl: 'https://developers.deepgram.com/reference/deepgram-api-overview',
};
