import type { ProviderDefinition } from '../types.js';
import { modelTable, modelsDev } from '../model-table.js';

export const provider: ProviderDefinition = {
  id: 'gemini',
  name: 'Google Gemini',
  formats: ['gemini'],
  baseUrl: 'https://generativelanguage.googleapis.com/v1beta',
  auth: 'x-goog-api-key',
  tier: 'free',
  // Current models first, then older ones still served.
  ...modelTable(modelsDev('google', { ownModel: true }), [
    { id: 'gemini-3.5-flash', context: 1_048_576, input: 1.5, output: 9, cachedInput: 0.15 },
    { id: 'gemini-3.1-pro-preview', context: 1_048_576, input: 2, output: 12, cachedInput: 0.2 },
    { id: 'gemini-3.1-flash-lite', context: 1_048_576, input: 0.25, output: 1.5, cachedInput: 0.025 },
    'gemini-2.5-pro',
    'gemini-2.5-flash',
    'gemini-2.5-flash-lite',
    'gemini-3-pro-preview',
    { id: 'imagen-4.0-generate-001', kind: 'image' },
    { id: 'gemini-embedding-001', kind: 'embedding' },
  ]),
  freeTier: {
    note: 'Free tier without billing on the models the pricing page marks free of charge; limits are per project and model (shown in AI Studio, no longer in the docs); the daily quota resets at midnight Pacific.',
    checked: '2026-12-06',
    source: 'https://ai.google.dev/gemini-api/docs/rate-limits',
  },
  docsUrl: 'https://ai.google.dev/api/generate-content',
  aliases: ['google'],
};
