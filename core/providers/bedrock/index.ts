import type { ProviderDefinition } from '../types.js';
import { modelTable } from '../model-table.js';
import models from './models.json' with { type: 'json' };

/**
 * Amazon Bedrock through its OpenAI-compatible Chat Completions endpoint with a Bedrock API key
 * (a bearer token): no AWS secret access key is stored and no SigV4 signing is needed. Converse
 * (SigV4) reaches more models (Claude, Nova, Llama) but would need a format of its own; this
 * endpoint serves the open-weight models (gpt-oss, DeepSeek, Qwen, Mistral…).
 */
export const provider: ProviderDefinition = {
  id: 'bedrock',
  name: 'Amazon Bedrock (OpenAI-compatible)',
  formats: ['openai-chat'],
  baseUrl: 'https://bedrock-runtime.{region}.amazonaws.com/openai/v1',
  auth: 'bearer',
  tier: 'api-key',
  aliases: ['aws'],
  ...modelTable(models, 'bedrock'),
  accountFields: [{ key: 'region', label: 'AWS Region', default: 'us-west-2' }],
  docsUrl: 'https://docs.aws.amazon.com/bedrock/latest/userguide/inference-chat-completions.html',
};
