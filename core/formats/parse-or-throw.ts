// Shared by the Responses and Gemini decoders (the Chat and Anthropic ones have their own, richer
// messages in openai-chat/validation.ts).
import type { z } from 'zod';
import { invalidRequest } from './canonical.js';

/** `['input', 2, 'content']` → `input[2].content`, the form Google and OpenAI use in error messages and `param`. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/**
 * Parses `value` or throws a 400 naming the first offending field. `prefix` is the path of
 * `value` inside the request body, so nested validation still reports a full path.
 */
export function parseOrThrow<T extends z.ZodType>(
  schema: T,
  value: unknown,
  prefix: ReadonlyArray<PropertyKey> = [],
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = jsonPath([...prefix, ...(issue?.path ?? [])]);
  const detail = issue?.message ?? 'invalid value';
  const where = path ? `'${path}'` : 'the request body';
  throw invalidRequest(`Invalid value for ${where}: ${detail}.`, path || undefined);
}
