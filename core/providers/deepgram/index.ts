import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

// Speech-to-text (/listen) and text-to-speech (/speak) in Deepgram's own API, translated from
// OpenAI's audio endpoints (core/formats/speech, core/formats/transcriptions). No chat.
export const provider: ProviderDefinition = {
  id: 'deepgram',
  name: 'Deepgram',
  formats: ['openai-chat'],
  baseUrl: 'https://api.deepgram.com/v1',
  auth: 'token',
  tier: 'api-key',
  ...modelTable(models, 'deepgram'),
  nativeApi: 'deepgram',
  docsUrl: 'https://developers.deepgram.com/reference/deepgram-api-overview',
};
