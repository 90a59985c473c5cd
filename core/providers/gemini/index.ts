import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'gemini',
  name: 'Google Gemini',
  formats: ['gemini'],
  baseUrl: 'https://generativelanguage.googleapis.com/v1beta',
  auth: 'x-goog-api-key',
  tier: 'free',
  // Current models first, then older ones still served.
  ...modelTable(models, 'gemini'),
  freeTier: {
    note: 'Free tier without billing on the models the pricing page marks free of charge; limits are per project and model (shown in AI Studio, no longer in the docs); the daily quota resets at midnight Pacific.',
    checked: '2026-12-06',
    source: 'https://ai.google.dev/gemini-api/docs/rate-limits',
  },
  docsUrl: 'https://ai.google.dev/api/generate-content',
  aliases: ['google'],
};
