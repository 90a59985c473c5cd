import { GatewayError, type AssistantPart, type CanonicalResponse } from '../canonical.js';
import type { EncodeContext } from '../codec.js';
import { isRecord, parseJsonObject } from '../json.js';
import { decodeDoneReason, encodeDoneReason } from './finish-reason.js';
import { answerCallId } from './ids.js';
import { decodeOllamaUsage, encodeOllamaUsage } from './usage.js';

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** `created_at` (RFC 3339) → Unix seconds; now when absent or unreadable. */
export function createdFrom(createdAt: unknown): number {
  const ms = typeof createdAt === 'string' ? Date.parse(createdAt) : NaN;
  return Math.floor((Number.isFinite(ms) ? ms : Date.now()) / 1000);
}

/** The tool calls of one Ollama message (whole calls: arguments an object) as canonical parts. */
export function decodeToolCalls(calls: unknown, createdAt: unknown, first = 0): AssistantPart[] {
  if (!Array.isArray(calls)) return [];
  const out: AssistantPart[] = [];
  calls.forEach((raw: unknown, i) => {
    const fn = isRecord(raw) && isRecord(raw.function) ? raw.function : undefined;
    if (!fn) return;
    out.push({
      type: 'tool-call',
      id: str((raw as Record<string, unknown>).id) || answerCallId(createdAt, first + i),
      name: str(fn.name) ?? '',
      arguments: JSON.stringify(isRecord(fn.arguments) ? fn.arguments : {}),
    });
  });
  return out;
}

/** A non-streamed /api/chat answer → canonical. */
export function decodeOllamaResponse(body: unknown): CanonicalResponse {
  if (!isRecord(body) || !isRecord(body.message)) {
    throw new GatewayError({
      status: 502,
      kind: 'upstream',
      message: 'Upstream returned a body that is not an Ollama chat answer.',
    });
  }
  const message = body.message;
  const content: AssistantPart[] = [];
  const thinking = str(message.thinking);
  if (thinking) content.push({ type: 'reasoning', text: thinking });
  const text = str(message.content);
  if (text) content.push({ type: 'text', text });
  const calls = decodeToolCalls(message.tool_calls, body.created_at);
  content.push(...calls);
  const response: CanonicalResponse = {
    id: '',
    model: str(body.model) ?? '',
    created: createdFrom(body.created_at),
    content,
    finishReason: decodeDoneReason(body.done_reason, calls.length > 0),
  };
  const raw = str(body.done_reason);
  if (raw) response.rawFinishReason = raw;
  const usage = decodeOllamaUsage(body);
  if (usage) response.usage = usage;
  return response;
}

export function encodeOllamaResponse(
  response: CanonicalResponse,
  ctx: EncodeContext,
): Record<string, unknown> {
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: response.content
      .filter((p) => p.type === 'text')
      .map((p) => p.text)
      .join(''),
  };
  const thinking = response.content
    .filter((p) => p.type === 'reasoning' && p.text)
    .map((p) => (p as { text: string }).text)
    .join('\n\n');
  if (thinking) message.thinking = thinking;
  const calls = response.content.filter((p) => p.type === 'tool-call');
  if (calls.length) message.tool_calls = calls.map((c) => toolCallOut(c.name, c.arguments));
  return {
    model: ctx.model,
    created_at: new Date(response.created * 1000).toISOString(),
    message,
    done_reason: encodeDoneReason(response.finishReason),
    done: true,
    ...encodeOllamaUsage(response.usage),
  };
}

/** One call as Ollama writes it: no id, the arguments as an object (`{}` when not JSON). */
export function toolCallOut(name: string, args: string): Record<string, unknown> {
  return { function: { name, arguments: parseJsonObject(args) ?? {} } };
}
