import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

/** vLLM answers to the name it serves the model under (`--served-model-name`): list yours. */
export const provider: ProviderDefinition = {
  id: 'vllm',
  name: 'vLLM',
  formats: ['openai-chat'],
  baseUrl: 'http://127.0.0.1:8000/v1',
  auth: 'none',
  tier: 'local',
  local: true,
  ...modelTable(models, 'vllm'),
  docsUrl: 'https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html',
};
