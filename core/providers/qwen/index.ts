import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

export const provider: ProviderDefinition = {
  id: 'qwen',
  name: 'Qwen (DashScope)',
  formats: ['openai-chat'],
  baseUrl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
  auth: 'bearer',
  tier: 'cheap',
  ...modelTable(models, 'qwen'),
  docsUrl: 'https://www.alibabacloud.com/help/en/model-studio/compatibility-of-openai-with-dashscope',
  aliases: ['dashscope'],
};
