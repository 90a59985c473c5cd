import { z } from 'zod';

// Request schemas for POST /v1/chat/completions. Objects are loose: providers and clients add
// fields all the time, and an unknown field must not turn into a 400. Content parts are
// validated one by one in decode-request.ts so an unknown part type can be reported (or
// dropped) with its exact path instead of a vague union error.

const cacheControl = z.looseObject({ type: z.literal('ephemeral'), ttl: z.string().optional() });

export const textPartSchema = z.looseObject({
  type: z.literal('text'),
  text: z.string(),
  cache_control: cacheControl.optional(),
});

export const imagePartSchema = z.looseObject({
  type: z.literal('image_url'),
  image_url: z.looseObject({
    url: z.string(),
    detail: z.enum(['auto', 'low', 'high']).optional(),
  }),
});

const anyPart = z.looseObject({ type: z.string() });

const content = z.union([z.string(), z.array(anyPart)], {
  error: 'must be a string or an array of content parts ({"type": "text", ...})',
});

export const toolCallSchema = z.looseObject({
  id: z.string(),
  type: z.literal('function').optional(),
  function: z.looseObject({ name: z.string(), arguments: z.string().nullish() }),
});

const systemMessage = z.looseObject({ role: z.enum(['system', 'developer']), content });
const userMessage = z.looseObject({ role: z.literal('user'), content });
const assistantMessage = z.looseObject({
  role: z.literal('assistant'),
  content: content.nullish(),
  reasoning_content: z.string().nullish(),
  reasoning: z.string().nullish(),
  tool_calls: z.array(z.looseObject({})).nullish(),
});
const toolMessage = z.looseObject({ role: z.literal('tool'), tool_call_id: z.string(), content });

export const messageSchema = z.discriminatedUnion(
  'role',
  [systemMessage, userMessage, assistantMessage, toolMessage],
  {
    error: 'must be one of "system", "developer", "user", "assistant" or "tool"',
  },
);
export type ChatMessage = z.infer<typeof messageSchema>;

export const functionToolSchema = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string().min(1),
    description: z.string().nullish(),
    parameters: z.record(z.string(), z.unknown()).nullish(),
    strict: z.boolean().nullish(),
  }),
});

const toolChoice = z.union(
  [
    z.enum(['auto', 'none', 'required']),
    z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) }),
    z.looseObject({ type: z.string() }),
  ],
  { error: 'must be "auto", "none", "required" or {"type": "function", "function": {"name": ...}}' },
);

const responseFormat = z.discriminatedUnion(
  'type',
  [
    z.looseObject({ type: z.literal('text') }),
    z.looseObject({ type: z.literal('json_object') }),
    z.looseObject({
      type: z.literal('json_schema'),
      json_schema: z.looseObject({
        name: z.string().optional(),
        description: z.string().optional(),
        schema: z.record(z.string(), z.unknown()).optional(),
        strict: z.boolean().nullish(),
      }),
    }),
  ],
  { error: 'must be one of "text", "json_object" or "json_schema"' },
);

const effort = z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']);

export const chatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(z.unknown()).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  top_k: z.number().int().nullish(),
  stop: z
    .union([z.string(), z.array(z.string())], { error: 'must be a string or an array of strings' })
    .nullish(),
  seed: z.number().int().nullish(),
  presence_penalty: z.number().nullish(),
  frequency_penalty: z.number().nullish(),
  user: z.string().nullish(),
  tools: z.array(z.looseObject({ type: z.string() })).nullish(),
  tool_choice: toolChoice.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  response_format: responseFormat.nullish(),
  reasoning_effort: effort.nullish(),
  /** OpenRouter-style reasoning object. */
  reasoning: z.looseObject({ effort: effort.nullish(), enabled: z.boolean().nullish() }).nullish(),
});
export type ChatRequestBody = z.infer<typeof chatRequestSchema>;
