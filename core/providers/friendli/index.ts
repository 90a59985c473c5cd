import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

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
  ...modelTable(models, 'friendli'),
  docsUrl: 'https://friendli.ai/docs/guides/serverless_endpoints/introduction',
};
