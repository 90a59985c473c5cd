import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

/** llama-server serves the model it was started with, whatever name the request gives. */
export const provider: ProviderDefinition = {
  id: 'llamacpp',
  name: 'llama.cpp server',
  formats: ['openai-chat'],
  baseUrl: 'http://127.0.0.1:8080/v1',
  auth: 'none',
  tier: 'local',
  local: true,
  aliases: ['llama-cpp'],
  ...modelTable(models, 'llamacpp'),
  docsUrl: 'https://github.com/ggml-org/llama.cpp/tree/master/tools/server',
};
