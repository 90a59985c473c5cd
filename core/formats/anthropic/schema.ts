import { z } from 'zod';

// Request schemas for POST /v1/messages. Loose objects throughout: Claude Code adds fields with
// every release (context_management, output_config, betas …) and they must not cause a 400.
// Blocks are validated per type in decode-request.ts so errors carry exact paths.

export const cacheControlSchema = z.looseObject({ type: z.literal('ephemeral'), ttl: z.string().optional() });

export const textBlockSchema = z.looseObject({
  type: z.literal('text'),
  text: z.string(),
  cache_control: cacheControlSchema.nullish(),
});

export const imageBlockSchema = z.looseObject({
  type: z.literal('image'),
  source: z.discriminatedUnion(
    'type',
    [
      z.looseObject({ type: z.literal('base64'), media_type: z.string(), data: z.string() }),
      z.looseObject({ type: z.literal('url'), url: z.string() }),
      z.looseObject({ type: z.literal('file'), file_id: z.string() }),
    ],
    { error: 'must be one of "base64", "url" or "file"' },
  ),
  cache_control: cacheControlSchema.nullish(),
});

const block = z.looseObject({ type: z.string() });

export const toolResultBlockSchema = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z
    .union([z.string(), z.array(block)], { error: 'must be a string or an array of content blocks' })
    .nullish(),
  is_error: z.boolean().nullish(),
  cache_control: cacheControlSchema.nullish(),
});

export const toolUseBlockSchema = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
});

export const thinkingBlockSchema = z.looseObject({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string().nullish(),
});

export const redactedThinkingBlockSchema = z.looseObject({
  type: z.literal('redacted_thinking'),
  data: z.string(),
});

export const messageSchema = z.looseObject({
  role: z.enum(['user', 'assistant', 'system']),
  content: z.union([z.string(), z.array(block)], { error: 'must be a string or an array of content blocks' }),
});

export const customToolSchema = z.looseObject({
  name: z.string().min(1),
  description: z.string().nullish(),
  input_schema: z.record(z.string(), z.unknown()),
  cache_control: cacheControlSchema.nullish(),
  strict: z.boolean().nullish(),
});

const toolChoice = z.discriminatedUnion(
  'type',
  [
    z.looseObject({ type: z.literal('auto'), disable_parallel_tool_use: z.boolean().nullish() }),
    z.looseObject({ type: z.literal('any'), disable_parallel_tool_use: z.boolean().nullish() }),
    z.looseObject({ type: z.literal('none') }),
    z.looseObject({
      type: z.literal('tool'),
      name: z.string(),
      disable_parallel_tool_use: z.boolean().nullish(),
    }),
  ],
  { error: 'must be one of "auto", "any", "none" or "tool"' },
);

const thinking = z.discriminatedUnion(
  'type',
  [
    z.looseObject({ type: z.literal('enabled'), budget_tokens: z.number().int().positive() }),
    z.looseObject({ type: z.literal('disabled') }),
    z.looseObject({ type: z.literal('adaptive') }),
  ],
  { error: 'must be one of "enabled", "disabled" or "adaptive"' },
);

const jsonFormat = z.looseObject({
  type: z.literal('json_schema'),
  schema: z.record(z.string(), z.unknown()),
});

export const messagesRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(z.unknown()),
  max_tokens: z.number().int().positive().nullish(),
  system: z
    .union([z.string(), z.array(z.unknown())], { error: 'must be a string or an array of text blocks' })
    .nullish(),
  stream: z.boolean().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  top_k: z.number().int().nullish(),
  stop_sequences: z.array(z.string()).nullish(),
  metadata: z.looseObject({ user_id: z.string().nullish() }).nullish(),
  tools: z.array(z.looseObject({})).nullish(),
  tool_choice: toolChoice.nullish(),
  thinking: thinking.nullish(),
  output_config: z
    .looseObject({
      effort: z.enum(['low', 'medium', 'high', 'xhigh', 'max']).nullish(),
      format: jsonFormat.nullish(),
    })
    .nullish(),
  /** The structured-outputs beta spelling, before output_config.format. */
  output_format: jsonFormat.nullish(),
});
export type MessagesRequestBody = z.infer<typeof messagesRequestSchema>;
