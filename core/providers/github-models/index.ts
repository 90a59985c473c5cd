import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

/**
 * GitHub Models, GitHub's official inference API: the documented route for Copilot-plan users
 * (Copilot's internal API is not offered, see plan-routes.ts). A GitHub token with `models:read`.
 */
export const provider: ProviderDefinition = {
  id: 'github-models',
  name: 'GitHub Models',
  formats: ['openai-chat'],
  baseUrl: 'https://models.github.ai/inference',
  auth: 'bearer',
  tier: 'free',
  aliases: ['gh'],
  ...modelTable(models, 'github-models'),
  headers: { 'x-github-api-version': '2022-11-28' },
  freeTier: {
    note: "Free for GitHub accounts within per-model rate limits: each model's rate_limit_tier (GET /catalog/models) and the account's Copilot plan set them.",
    checked: '2026-12-06',
    source: 'https://docs.github.com/en/rest/models/catalog',
  },
  docsUrl: 'https://docs.github.com/en/rest/models/inference',
};
