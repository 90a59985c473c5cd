import type { ProviderDefinition } from '../types.js';
import { modelTable, modelsDev } from '../model-table.js';

export const provider: ProviderDefinition = {
  id: 'deepseek',
  name: 'DeepSeek',
  formats: ['openai-chat'],
  baseUrl: 'https://api.deepseek.com/v1',
  auth: 'bearer',
  tier: 'cheap',
  // Current models first, then older ones still served.
  ...modelTable(modelsDev('deepseek', { ownModel: true }), [
    { id: 'deepseek-v4-pro', context: 1_000_000, input: 0.435, output: 0.87, cachedInput: 0.003625 },
    { id: 'deepseek-v4-flash', context: 1_000_000, input: 0.14, output: 0.28, cachedInput: 0.0028 },
    'deepseek-chat',
    'deepseek-reasoner',
  ]),
  docsUrl: 'https://api-docs.deepseek.com',
  aliases: ['ds'],
};
