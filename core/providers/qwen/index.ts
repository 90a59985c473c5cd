import type { ProviderDefinition } from '../types.js';

export const provider: ProviderDefinition = {
  id: 'qwen',
  name: 'Qwen (DashScope)',
  formats: ['openai-chat'],
  baseUrl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
  auth: 'bearer',
  tier: 'cheap',
  models: ['qwen3-coder-plus', 'qwen3-max', 'qwen-plus'],
  docsUrl: 'https://www.alibabacloud.com/help/en/model-studio/compatibility-of-openai-with-dashscope',
  aliases: ['dashscope'],
};
