import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';

// Speech-to-text (/listen) and text-to-speech (/speak) in Deepgram's own API, translated from
// OpenAI's audio endpoints (core/formats/speech, core/formats/transcriptions). No chat.
export const provider: ProviderDefinition = {
  id: 'deepgram',
  name: 'Deepgram',
  formats: ['openai-chat'],
  baseUrl: 'https://api.deepgram.com/v1',
  auth: 'token',
  tier: 'api-key',
  ...modelTable([
    { id: 'nova-3', kind: 'transcription' },
    { id: 'nova-2', kind: 'transcription' },
    { id: 'aura-2-thalia-en', kind: 'speech' },
    { id: 'aura-2-andromeda-en', kind: 'speech' },
  ]),
  nativeApi: 'deepgram',
  docsUrl: 'https://developers.deepgram.com/reference/deepgram-api-overview',
};
