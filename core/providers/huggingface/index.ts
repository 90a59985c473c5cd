import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

/** One Hugging Face token reaches many inference providers; the router picks one per model (`:fastest`, `:cheapest` or `:<provider>` after the id choose). */
export const provider: ProviderDefinition = {
  id: 'huggingface',
  name: 'Hugging Face Inference Providers',
  formats: ['openai-chat'],
  baseUrl: 'https://router.huggingface.co/v1',
  auth: 'bearer',
  tier: 'cheap',
  aliases: ['hf'],
  ...modelTable(models, 'huggingface'),
  docsUrl: 'https://huggingface.co/docs/inference-providers',
};
