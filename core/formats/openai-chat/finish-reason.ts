import type { FinishReason } from '../canonical.js';

/** OpenAI `finish_reason` → canonical; `function_call` is the pre-tools name for tool_calls. */
export function decodeChatFinishReason(raw: string | null | undefined): FinishReason {
  switch (raw) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls';
    case 'content_filter':
      return 'content_filter';
    default:
      return 'other';
  }
}

/** Canonical → OpenAI. The format has no `error`/`other`, and clients treat unknown values badly. */
export function encodeChatFinishReason(
  reason: FinishReason,
): 'stop' | 'length' | 'tool_calls' | 'content_filter' {
  switch (reason) {
    case 'length':
      return 'length';
    case 'tool_calls':
      return 'tool_calls';
    case 'content_filter':
      return 'content_filter';
    default:
      return 'stop';
  }
}
