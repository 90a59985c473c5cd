import { z } from 'zod';

// Request schemas for Ollama's POST /api/chat (docs/api.md of ollama/ollama, "Generate a chat
// completion"). Objects are loose, as for the other formats: Ollama adds fields (truncate,
// logprobs, …) and an unknown one must not become a 400.

/** `arguments` is an object, not JSON text as in OpenAI's tool calls. */
export const toolCallSchema = z.looseObject({
  id: z.string().nullish(),
  function: z.looseObject({
    name: z.string(),
    arguments: z.record(z.string(), z.unknown()).nullish(),
  }),
});

export const messageSchema = z.looseObject({
  role: z.enum(['system', 'user', 'assistant', 'tool']),
  content: z.string().nullish(),
  thinking: z.string().nullish(),
  /** Base64 image data, no data: prefix and no media type. */
  images: z.array(z.string()).nullish(),
  tool_calls: z.array(z.unknown()).nullish(),
  /** The tool a `tool` message answers: Ollama matches results to calls by name. */
  tool_name: z.string().nullish(),
  tool_call_id: z.string().nullish(),
});
export type OllamaMessage = z.infer<typeof messageSchema>;

const functionSchema = z.looseObject({
  name: z.string().min(1),
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
});
export const functionToolSchema = z.looseObject({ type: z.literal('function'), function: functionSchema });

/** The options that are one canonical number each, by name on both sides. */
export const NUMBER_OPTIONS = [
  ['temperature', 'temperature'],
  ['top_p', 'topP'],
  ['top_k', 'topK'],
  ['seed', 'seed'],
  ['presence_penalty', 'presencePenalty'],
  ['frequency_penalty', 'frequencyPenalty'],
] as const;

/** The Modelfile parameters a request may set; those with no canonical field are `dropped`. */
export const optionsSchema = z.looseObject({
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  top_k: z.number().int().nullish(),
  num_predict: z.number().int().nullish(),
  stop: z
    .union([z.string(), z.array(z.string())], { error: 'must be a string or an array of strings' })
    .nullish(),
  seed: z.number().int().nullish(),
  presence_penalty: z.number().nullish(),
  frequency_penalty: z.number().nullish(),
});

export const THINK_LEVELS = ['low', 'medium', 'high', 'max'] as const;

export const chatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(z.unknown()).min(1),
  tools: z.array(z.looseObject({ type: z.string() })).nullish(),
  format: z
    .union([z.literal('json'), z.record(z.string(), z.unknown())], {
      error: 'must be "json" or a JSON schema object',
    })
    .nullish(),
  options: optionsSchema.nullish(),
  /** Absent means true: Ollama streams unless told not to. */
  stream: z.boolean().nullish(),
  keep_alive: z.union([z.string(), z.number()]).nullish(),
  think: z.union([z.boolean(), z.enum(THINK_LEVELS)]).nullish(),
});
export type OllamaChatRequest = z.infer<typeof chatRequestSchema>;
