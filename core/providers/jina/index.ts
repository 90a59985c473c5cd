import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

// Embeddings in OpenAI's shape; rerank in the Cohere/Jina shape rerank clients send. No chat.
export const provider: ProviderDefinition = {
  id: 'jina',
  name: 'Jina AI',
  formats: ['openai-chat'],
  baseUrl: 'https://api.jina.ai/v1',
  auth: 'bearer',
  tier: 'api-key',
  ...modelTable(models, 'jina'),
  docsUrl: 'https://jina.ai/embeddings/',
};
