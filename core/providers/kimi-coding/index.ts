import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

/** Kimi Code's subscription endpoint (keys from the Kimi Code console, a quota refreshed every 7 days); it speaks Anthropic Messages and Chat Completions on one base URL. Pay-per-token keys belong to the kimi provider. */
export const provider: ProviderDefinition = {
  id: 'kimi-coding',
  name: 'Kimi Code plan',
  formats: ['anthropic', 'openai-chat'],
  baseUrl: 'https://api.kimi.com/coding/v1',
  auth: 'bearer',
  tier: 'subscription',
  ...modelTable(models, 'kimi-coding'),
  docsUrl: 'https://www.kimi.com/code/docs/en/third-party-tools/other-coding-agents.html',
};
