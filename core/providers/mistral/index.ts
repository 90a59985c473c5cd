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
  freeTier: {
    note: "Experiment plan (free), for evaluation and prototyping: 1 request per second, 500,000 tokens per minute and 1 billion tokens per month on the models the free tier covers; the organization's own limits are under Admin › Limits.",
    checked: '2026-12-06',
    source:
      'https://help.mistral.ai/en/articles/225174-what-are-the-limits-of-the-free-tier and https://docs.mistral.ai/deployment/ai-studio/tier',
  },
  docsUrl: 'https://docs.mistral.ai/api',
  quirks: {
    noStreamOptions: true,
  },
};
