import type { FinishReason } from '../canonical.js';

/** Anthropic `stop_reason` → canonical (vercel/ai map-anthropic-stop-reason.ts). */
export function decodeAnthropicStopReason(raw: string | null | undefined): FinishReason {
  switch (raw) {
    case 'end_turn':
    case 'stop_sequence':
    case 'pause_turn':
      return 'stop';
    case 'tool_use':
      return 'tool_calls';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'refusal':
      return 'content_filter';
    default:
      return 'other';
  }
}

const ANTHROPIC_STOP_REASONS = new Set([
  'end_turn',
  'stop_sequence',
  'pause_turn',
  'tool_use',
  'max_tokens',
  'model_context_window_exceeded',
  'refusal',
]);

/**
 * Canonical → Anthropic. An Anthropic upstream's own reason is kept when it means the same
 * thing (pause_turn, model_context_window_exceeded survive the round trip).
 */
export function encodeAnthropicStopReason(reason: FinishReason, raw?: string, stopSequence?: string): string {
  if (raw && ANTHROPIC_STOP_REASONS.has(raw) && decodeAnthropicStopReason(raw) === reason) {
    if (raw !== 'stop_sequence' || stopSequence) return raw;
  }
  switch (reason) {
    case 'stop':
      return stopSequence ? 'stop_sequence' : 'end_turn';
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}
