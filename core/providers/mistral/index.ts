import type { ProviderDefinition } from '../types.js';
import { modelTable, modelsDev } from '../model-table.js';

export const provider: ProviderDefinition = {
  id: 'mistral',
  name: 'Mistral',
  formats: ['openai-chat'],
  baseUrl: 'https://api.mistral.ai/v1',
  auth: 'bearer',
  tier: 'api-key',
  // Current models first, then older ones still served.
  ...modelTable(modelsDev('mistral', { ownModel: true }), [
    { id: 'mistral-medium-2604', context: 262_144, input: 1.5, output: 7.5 },
    { id: 'devstral-latest', context: 262_144, input: 0.4, output: 2 },
    { id: 'mistral-small-latest', context: 256_000, input: 0.15, output: 0.6 },
    'mistral-large-latest',
    'codestral-latest',
    'devstral-medium-latest',
    { id: 'voxtral-mini-latest', kind: 'transcription' },
    { id: 'mistral-embed', kind: 'embedding' },
    { id: 'codestral-embed', kind: 'embedding' },
  ]),
  docsUrl: 'https://docs.mistral.ai/api',
  quirks: {
    noStreamOptions: true,
  },
};
