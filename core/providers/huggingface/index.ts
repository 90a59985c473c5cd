import type { ProviderDefinition } from '../types.js';
import { modelTable, modelsDev } from '../model-table.js';

/** One Hugging Face token reaches many inference providers; the router picks one per model (`:fastest`, `:cheapest` or `:<provider>` after the id choose). */
export const provider: ProviderDefinition = {
  id: 'huggingface',
  name: 'Hugging Face Inference Providers',
  formats: ['openai-chat'],
  baseUrl: 'https://router.huggingface.co/v1',
  auth: 'bearer',
  tier: 'cheap',
  aliases: ['hf'],
  ...modelTable(modelsDev('huggingface'), [
    { id: 'moonshotai/Kimi-K2.6', context: 262_144, input: 0.95, output: 4, cachedInput: 0.16 },
    { id: 'zai-org/GLM-5.1', context: 202_752, input: 1, output: 3.2, cachedInput: 0.2 },
    { id: 'MiniMaxAI/MiniMax-M2.7', context: 204_800, input: 0.3, output: 1.2, cachedInput: 0.06 },
    { id: 'Qwen/Qwen3-Coder-Next', context: 262_144, input: 0.2, output: 1.5 },
    { id: 'deepseek-ai/DeepSeek-V3.2', context: 163_840, input: 0.28, output: 0.4 },
  ]),
  docsUrl: 'https://huggingface.co/docs/inference-providers',
};
