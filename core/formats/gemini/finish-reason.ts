import type { FinishReason } from '../canonical.js';

const FILTERED = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'LANGUAGE',
]);
const ERRORS = new Set(['MALFORMED_FUNCTION_CALL', 'UNEXPECTED_TOOL_CALL', 'TOO_MANY_TOOL_CALLS']);

export const GEMINI_FINISH_REASONS = new Set([
  'STOP',
  'MAX_TOKENS',
  'OTHER',
  'FINISH_REASON_UNSPECIFIED',
  ...FILTERED,
  ...ERRORS,
]);

// Gemini says STOP even when it called tools; whether the turn was a tool turn is known only
// from the parts, so callers pass it in.
export function decodeFinishReason(reason: string | undefined, hasToolCalls: boolean): FinishReason {
  if (!reason || reason === 'STOP') return hasToolCalls ? 'tool_calls' : 'stop';
  if (reason === 'MAX_TOKENS') return 'length';
  if (FILTERED.has(reason)) return 'content_filter';
  if (ERRORS.has(reason)) return 'error';
  return 'other';
}

export function encodeFinishReason(reason: FinishReason | undefined, raw?: string): string {
  if (raw && GEMINI_FINISH_REASONS.has(raw)) return raw;
  switch (reason) {
    case 'length':
      return 'MAX_TOKENS';
    case 'content_filter':
      return 'SAFETY';
    case 'error':
      return 'OTHER';
    case 'other':
      return 'OTHER';
    default:
      return 'STOP';
  }
}
