import type { ProviderDefinition, UrlContext } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

/**
 * Azure OpenAI: each model is a deployment the user named in their resource, so the model id is
 * the deployment name and sits in the path; the dated API needs `api-version` on every call.
 */
export const provider: ProviderDefinition = {
  id: 'azure',
  name: 'Azure OpenAI',
  formats: ['openai-chat'],
  baseUrl: 'https://{resource}.openai.azure.com',
  auth: 'api-key',
  tier: 'api-key',
  // Deployment names: these match deployments named after their model; list your own.
  ...modelTable(models, 'azure'),
  accountFields: [
    { key: 'resource', label: 'Resource name (the <resource> in <resource>.openai.azure.com)' },
    // The latest GA data-plane inference version in Microsoft's REST reference (checked 2026-12-06).
    { key: 'apiVersion', label: 'api-version', default: '2024-10-21' },
  ],
  buildUrl: ({ base, model, fields }: UrlContext) =>
    `${base}/openai/deployments/${encodeURIComponent(model)}/chat/completions?api-version=${encodeURIComponent(fields.apiVersion!)}`,
  quirks: { maxTokensField: 'max_completion_tokens' },
  docsUrl: 'https://learn.microsoft.com/en-us/azure/ai-foundry/openai/reference',
};
