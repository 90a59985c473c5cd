import type { ProviderDefinition } from '../types.js';

export const provider: ProviderDefinition = {
  id: 'gemini',
  name: 'Google Gemini',
  formats: ['gemini'],
  baseUrl: 'https://generativelanguage.googleapis.com/v1beta',
  auth: 'x-goog-api-key',
  tier: 'free',
  models: [
    'gemini-2.5-pro',
    'gemini-2.5-flash',
    'gemini-2.5-flash-lite',
    'gemini-3-pro-preview',
    'gemini-embedding-001',
    'imagen-4.0-generate-001',
  ],
  modelInfo: {
    'imagen-4.0-generate-001': { kind: 'image' },
    'gemini-embedding-001': { kind: 'embedding' },
  },
  docsUrl: 'https://ai.google.dev/api/generate-content',
  aliases: ['google'],
};
