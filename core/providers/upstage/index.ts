import type { ProviderDefinition } from '../types.js';
import { modelTable, modelsDev } from '../model-table.js';

export const provider: ProviderDefinition = {
  id: 'upstage',
  name: 'Upstage Solar',
  formats: ['openai-chat'],
  baseUrl: 'https://api.upstage.ai/v1/solar',
  auth: 'bearer',
  tier: 'api-key',
  ...modelTable(modelsDev('upstage'), [
    { id: 'solar-pro3', context: 131_072, input: 0.25, output: 0.25 },
    { id: 'solar-pro2', context: 65_536, input: 0.25, output: 0.25 },
    { id: 'solar-mini', context: 32_768, input: 0.15, output: 0.15 },
  ]),
  docsUrl: 'https://developers.upstage.ai/docs/apis/chat',
};
