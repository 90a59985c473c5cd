import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

// Embeddings and rerank only; its request fields differ from OpenAI's (core/formats/embeddings/voyage.ts).
export const provider: ProviderDefinition = {
  id: 'voyage',
  name: 'Voyage AI',
  formats: ['openai-chat'],
  baseUrl: 'https://api.voyageai.com/v1',
  auth: 'bearer',
  tier: 'api-key',
  ...modelTable(models, 'voyage'),
  nativeApi: 'voyage',
  docsUrl: 'https://docs.voyageai.com/reference/embeddings-api',
};
