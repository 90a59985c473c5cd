import type { z } from 'zod';
import { invalidRequest } from '../canonical.js';

// Shared by the openai-chat and anthropic request decoders: both want the same 400 shape,
// a sentence a person can act on plus the JSON path (`messages[2].content`) as `param`.

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

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses JSON text the model produced; tool arguments are not guaranteed to be valid JSON. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  if (!text.trim()) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Records a field that could not be carried, once. */
export function addDropped(list: string[], name: string): void {
  if (!list.includes(name)) list.push(name);
}
