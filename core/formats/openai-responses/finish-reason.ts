import type { FinishReason } from '../canonical.js';

/**
 * Responses has no finish reason: it has a response `status` plus, for `incomplete`, a reason.
 * Tool calls are inferred from the output items, and only once the response is over (deciding
 * earlier is the 9router #867 bug: `stop` instead of `tool_calls`).
 */
export function decodeFinishReason(
  status: string | null | undefined,
  incompleteReason: string | null | undefined,
  hasToolCalls: boolean,
): FinishReason {
  if (status === 'failed' || status === 'cancelled') return 'error';
  if (status === 'incomplete') {
    if (incompleteReason === 'max_output_tokens') return 'length';
    if (incompleteReason === 'content_filter') return 'content_filter';
    return 'other';
  }
  return hasToolCalls ? 'tool_calls' : 'stop';
}

/** The `status` and `incomplete_details` a Responses client expects for a canonical finish. */
export function encodeStatus(reason: FinishReason | undefined): {
  status: 'completed' | 'incomplete' | 'failed';
  incomplete_details: { reason: string } | null;
} {
  switch (reason) {
    case 'length':
      return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
    case 'content_filter':
      return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
    case 'error':
      return { status: 'failed', incomplete_details: null };
    default:
      return { status: 'completed', incomplete_details: null };
  }
}
