import { randomBytes } from 'node:crypto';

// Gemini function calls usually carry no id, yet every other format answers tool calls by id.
// Ids the gateway makes up start with this prefix, so they are never sent to Gemini as if
// Gemini had issued them.
export const GENERATED_CALL_PREFIX = 'call_gemini_';

export function stemOf(value: string | undefined): string {
  const stem = (value ?? '').replace(/[^A-Za-z0-9]/g, '');
  return stem || randomBytes(8).toString('hex');
}

/** Deterministic for a given stem and position: the same history yields the same ids. */
export function generatedCallId(stem: string, position: number | string): string {
  return `${GENERATED_CALL_PREFIX}${stem}_${position}`;
}

export function isGeneratedCallId(id: string): boolean {
  return id.startsWith(GENERATED_CALL_PREFIX);
}
