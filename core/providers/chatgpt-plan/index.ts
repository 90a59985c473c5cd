import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };
import { restrictForPlan } from './oauth.js';

/**
 * The user's ChatGPT Plus/Pro plan for every tool behind OmniRoute, through OpenAI's documented
 * "Sign in with ChatGPT" for open-source local apps. Accounts are added by signing in (no key).
 */
export const provider: ProviderDefinition = {
  id: 'chatgpt-plan',
  name: 'ChatGPT plan (Sign in with ChatGPT)',
  formats: ['openai-responses'],
  baseUrl: 'https://api.openai.com/v1',
  auth: 'bearer',
  tier: 'subscription',
  // The docs' example model; each account's own list is discovered at sign-in (GET /v1/models,
  // `visibility: list`) and added to this one.
  ...modelTable(models, 'chatgpt-plan'),
  signIn: 'chatgpt',
  quirks: { streamOnly: true },
  prepareBody: restrictForPlan,
  docsUrl: 'https://developers.openai.com/siwc/token-sharing-open-source',
};
