import type { ProviderDefinition } from '../types.js';

export const provider: ProviderDefinition = {
  id: 'ollama-cloud',
  name: 'Ollama Cloud',
  formats: ['openai-chat'],
  baseUrl: 'https://ollama.com/v1',
  auth: 'bearer',
  tier: 'subscription',
  models: ['minimax-m3', 'deepseek-v4-pro', 'kimi-k2.6', 'glm-5.1', 'qwen3-coder-next'],
  modelInfo: {
    'minimax-m3': { contextWindow: 512_000 },
    'deepseek-v4-pro': { contextWindow: 1_048_576 },
    'kimi-k2.6': { contextWindow: 262_144 },
    'glm-5.1': { contextWindow: 202_752 },
    'qwen3-coder-next': { contextWindow: 262_144 },
  },
  docsUrl: 'https://docs.ollama.com/cloud',
};
