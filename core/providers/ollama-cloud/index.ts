import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';

export const provider: ProviderDefinition = {
  id: 'ollama-cloud',
  name: 'Ollama Cloud',
  formats: ['openai-chat'],
  baseUrl: 'https://ollama.com/v1',
  auth: 'bearer',
  tier: 'subscription',
  ...modelTable([
    { id: 'minimax-m3', context: 512_000 },
    { id: 'deepseek-v4-pro', context: 1_048_576 },
    { id: 'kimi-k2.6', context: 262_144 },
    { id: 'glm-5.1', context: 202_752 },
    { id: 'qwen3-coder-next', context: 262_144 },
  ]),
  docsUrl: 'https://docs.ollama.com/cloud',
};
