import type { ProviderDefinition } from '../types.js';
import { modelTable, modelsDev } from '../model-table.js';

/**
 * FriendliAI's Serverless Endpoints: pay-per-token open models behind an OpenAI-compatible API,
 * a Friendli personal access token as the bearer key (Dedicated Endpoints live under
 * /dedicated/v1 and are added as a custom provider).
 */
export const provider: ProviderDefinition = {
  id: 'friendli',
  name: 'FriendliAI Serverless',
  formats: ['openai-chat'],
  baseUrl: 'https://api.friendli.ai/serverless/v1',
  auth: 'bearer',
  tier: 'cheap',
  aliases: ['friendliai'],
  ...modelTable(modelsDev('friendli'), [
    { id: 'zai-org/GLM-5.2', input: 1.4, output: 4.4, cachedInput: 0.26 },
    { id: 'zai-org/GLM-5.1', context: 202_752, input: 1.4, output: 4.4, cachedInput: 0.26 },
    { id: 'zai-org/GLM-5', context: 202_752, input: 1, output: 3.2, cachedInput: 0.5 },
    { id: 'deepseek-ai/DeepSeek-V3.2', context: 163_840, input: 0.5, output: 1.5, cachedInput: 0.25 },
    { id: 'MiniMaxAI/MiniMax-M2.5', context: 196_608, input: 0.3, output: 1.2, cachedInput: 0.06 },
    { id: 'Qwen/Qwen3-235B-A22B-Instruct-2507', context: 262_144, input: 0.2, output: 0.8 },
  ]),
  docsUrl: 'https://friendli.ai/docs/guides/serverless_endpoints/introduction',
};
