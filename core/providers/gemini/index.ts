import type { ProviderDefinition } from '../types.js';

const SOURCE = 'models.dev (github.com/anomalyco/models.dev@f3fc692, providers/google)';
const CHECKED = '2026-07-02';

export const provider: ProviderDefinition = {
  id: 'gemini',
  name: 'Google Gemini',
  formats: ['gemini'],
  baseUrl: 'https://generativelanguage.googleapis.com/v1beta',
  auth: 'x-goog-api-key',
  tier: 'free',
  // Current models first (from models.dev (github.com/anomalyco/models.dev@f3fc692, providers/google), 2026-07-02), then older ones still served.
  models: [
    'gemini-3.5-flash',
    'gemini-3.1-pro-preview',
    'gemini-3.1-flash-lite',
    'gemini-2.5-pro',
    'gemini-2.5-flash',
    'gemini-2.5-flash-lite',
    'gemini-3-pro-preview',
    'imagen-4.0-generate-001',
    'gemini-embedding-001',
  ],
  modelInfo: {
    'imagen-4.0-generate-001': { kind: 'image' },
    'gemini-embedding-001': { kind: 'embedding' },
    'gemini-3.5-flash': { contextWindow: 1_048_576 },
    'gemini-3.1-pro-preview': { contextWindow: 1_048_576 },
    'gemini-3.1-flash-lite': { contextWindow: 1_048_576 },
  },
  prices: {
    'gemini-3.5-flash': {
      input: 1.5,
      output: 9.0,
      cachedInput: 0.15,
      ownModel: true,
      source: SOURCE,
      checked: CHECKED,
    },
    'gemini-3.1-pro-preview': {
      input: 2.0,
      output: 12.0,
      cachedInput: 0.2,
      ownModel: true,
      source: SOURCE,
      checked: CHECKED,
    },
    'gemini-3.1-flash-lite': {
      input: 0.25,
      output: 1.5,
      cachedInput: 0.025,
      ownModel: true,
      source: SOURCE,
      checked: CHECKED,
    },
  },
  freeTier: {
    note: 'Free tier without billing on the models the pricing page marks free of charge; limits are per project and model (shown in AI Studio, no longer in the docs); the daily quota resets at midnight Pacific.',
    checked: '2026-12-06',
    source: 'https://ai.google.dev/gemini-api/docs/rate-limits',
  },
  docsUrl: 'https://ai.google.dev/api/generate-content',
  aliases: ['google'],
};
