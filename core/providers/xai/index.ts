import type { ProviderDefinition } from '../types.js';
import { modelTable, modelsDev } from '../model-table.js';

export const provider: ProviderDefinition = {
  id: 'xai',
  name: 'xAI',
  formats: ['openai-chat', 'openai-responses'],
  baseUrl: 'https://api.x.ai/v1',
  auth: 'bearer',
  tier: 'api-key',
  // Current models first, then older ones still served.
  ...modelTable(modelsDev('xai', { ownModel: true }), [
    { id: 'grok-4.3', context: 1_000_000, input: 1.25, output: 2.5, cachedInput: 0.2 },
    { id: 'grok-build-0.1', context: 256_000, input: 1, output: 2, cachedInput: 0.2 },
    'grok-4',
    'grok-3-mini',
    'grok-code-fast-1',
  ]),
  docsUrl: 'https://docs.x.ai/docs/api-reference',
  aliases: ['grok'],
};
