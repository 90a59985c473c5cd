import type { ProviderDefinition } from '../types.js';

export const provider: ProviderDefinition = {
  id: 'hyperbolic',
  name: 'Hyperbolic',
  formats: ['openai-chat'],
  baseUrl: 'https://api.hyperbolic.xyz/v1',
  auth: 'bearer',
  tier: 'cheap',
  aliases: ['hyp'],
  models: [
    'deepseek-ai/DeepSeek-V3-0324',
    'deepseek-ai/DeepSeek-R1-0528',
    'Qwen/Qwen3-235B-A22B',
    'meta-llama/Llama-3.3-70B-Instruct',
    'Qwen/Qwen2.5-Coder-32B-Instruct',
  ],
  // Prices left out: the per-model tables we could read disagree (DeepSeek-V3-0324 at $1.25 in
  // lava.so's gateway docs, $0.25 in LiteLLM's), and Hyperbolic's own docs give only ranges.
  docsUrl: 'https://docs.hyperbolic.xyz/docs/rest-api',
};
