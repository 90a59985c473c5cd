import type { ProviderDefinition, UrlContext } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };
import { serviceAccountToken } from './service-account.js';

/**
 * Gemini on Google Cloud's Vertex AI, in Gemini's own format. The account's secret is a
 * service-account key file (JSON), exchanged for access tokens (service-account.ts).
 */
export const provider: ProviderDefinition = {
  id: 'vertex',
  name: 'Google Vertex AI',
  formats: ['gemini'],
  baseUrl:
    'https://{location}-aiplatform.googleapis.com/v1/projects/{project}/locations/{location}/publishers/google',
  auth: 'bearer',
  tier: 'api-key',
  ...modelTable(models, 'vertex'),
  accountFields: [
    { key: 'project', label: 'Google Cloud project id' },
    { key: 'location', label: 'Location (a region, or global)', default: 'global' },
  ],
  // The global location has no regional host: `global-aiplatform…` is `aiplatform…`.
  buildUrl: ({ base, model, stream }: UrlContext) =>
    `${base.replace('://global-aiplatform.', '://aiplatform.')}/models/${encodeURIComponent(model)}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
  accessToken: serviceAccountToken,
  docsUrl: 'https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/inference',
};
