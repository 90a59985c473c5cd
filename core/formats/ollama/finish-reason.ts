import type { FinishReason } from '../canonical.js';

/**
 * Ollama's `done_reason` → canonical. It says `stop` after tool calls too (docs/api.md's tool
 * examples), so calls turn a stop into `tool_calls`. Absent on a `done` answer: a clean stop.
 */
export function decodeDoneReason(raw: unknown, hasCalls: boolean): FinishReason {
  if (raw === 'length') return 'length';
  if (raw === undefined || raw === null || raw === '' || raw === 'stop')
    return hasCalls ? 'tool_calls' : 'stop';
  return 'other';
}

/** Canonical → Ollama, whose only stopping reasons for a chat are `stop` and `length`. */
export function encodeDoneReason(reason: FinishReason): 'stop' | 'length' {
  return reason === 'length' ? 'length' : 'stop';
}
