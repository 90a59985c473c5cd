import type { ProviderDefinition } from '../types.js';
import { modelTable, modelsDev } from '../model-table.js';

export const provider: ProviderDefinition = {
  id: 'inception',
  name: 'Inception (Mercury)',
  formats: ['openai-chat'],
  baseUrl: 'https://api.inceptionlabs.ai/v1',
  auth: 'bearer',
  tier: 'api-key',
  ...modelTable(modelsDev('inception'), [
    { id: 'mercury-2', context: 128_000, input: 0.25, output: 0.75, cachedInput: 0.025 },
  ]),
  docsUrl: 'https://docs.inceptionlabs.ai/',
};
