import type { z } from 'zod';
import { invalidRequest } from './canonical.js';

// How request decoders report a 400: a sentence a person can act on plus the JSON path
// (`messages[2].content`) as `param`. Chat and Anthropic word the sentence from the zod issue
// (parseAt); Responses and Gemini keep zod's own message (parseOrThrow).

type PathSegment = PropertyKey;

/** `['messages', 2, 'content']` → `messages[2].content`, appended to `base`. */
export function joinPath(base: string, segments: readonly PathSegment[] = []): string {
  let out = base;
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}

function describe(issue: z.core.$ZodIssue, where: string): string {
  const subject = where ? `\`${where}\`` : 'The request body';
  if (issue.code === 'invalid_type') {
    const received = /received (\w+)/.exec(issue.message)?.[1];
    if (received === 'undefined') return `${subject} is required.`;
    const expected =
      issue.expected === 'int'
        ? 'an integer'
        : `${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
    return `${subject} must be ${expected}${received ? `, got ${received}` : ''}.`;
  }
  if (issue.code === 'invalid_value') {
    const values = issue.values.map((v) => JSON.stringify(v)).join(', ');
    return `${subject} must be one of ${values}.`;
  }
  if (issue.code === 'too_small') {
    const min = Number(issue.minimum);
    if (issue.origin === 'array')
      return `${subject} must contain at least ${min} item${min === 1 ? '' : 's'}.`;
    if (issue.origin === 'string') return `${subject} must not be empty.`;
    return `${subject} must be ${issue.inclusive ? 'at least' : 'greater than'} ${min}.`;
  }
  if (issue.code === 'too_big') {
    const max = Number(issue.maximum);
    return `${subject} must be ${issue.inclusive ? 'at most' : 'less than'} ${max}.`;
  }
  return `${subject} ${issue.message}.`;
}

/** Validates `value` at `path`; on failure throws a 400 GatewayError naming the first bad field. */
export function parseAt<T>(schema: z.ZodType<T>, value: unknown, path = ''): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw invalidRequest(`${path || 'The request body'} is invalid.`, path || undefined);
  const where = joinPath(path, issue.path);
  throw invalidRequest(describe(issue, where), where || undefined);
}

/** Records a field that could not be carried, once. */
export function addDropped(list: string[], name: string): void {
  if (!list.includes(name)) list.push(name);
}

/** `['input', 2, 'content']` → `input[2].content`, the form Google and OpenAI use in error messages and `param`. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  return joinPath('', path);
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
