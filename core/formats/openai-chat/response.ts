import {
  GatewayError,
  type AssistantPart,
  type CanonicalResponse,
  type ReasoningPart,
} from '../canonical.js';
import type { EncodeContext } from '../codec.js';
import { decodeChatFinishReason, encodeChatFinishReason } from './finish-reason.js';
import { splitThinkTags } from './think-tags.js';
import { typedContentSegments } from './typed-content.js';
import { decodeChatUsage, encodeChatUsage } from './usage.js';
import { isRecord } from '../json.js';

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** A chat.completion body → canonical. Reasoning may sit in three places; none of it reaches text. */
export function decodeChatResponse(body: unknown): CanonicalResponse {
  if (!isRecord(body) || !Array.isArray(body.choices)) {
    throw new GatewayError({
      status: 502,
      kind: 'upstream',
      message: 'Upstream returned a body that is not a chat.completion.',
    });
  }
  const choice: Record<string, unknown> = isRecord(body.choices[0]) ? body.choices[0] : {};
  const message: Record<string, unknown> = isRecord(choice.message) ? choice.message : {};
  const content: AssistantPart[] = [];

  let reasoning = str(message.reasoning_content) || str(message.reasoning);
  if (Array.isArray(message.content)) {
    // Typed chunks (Mistral reasoning models) keep their order: thinking, answer, maybe more.
    const segments = typedContentSegments(message.content);
    if (reasoning) content.push({ type: 'reasoning', text: reasoning });
    for (const seg of segments)
      content.push(
        seg.kind === 'reasoning' ? { type: 'reasoning', text: seg.text } : { type: 'text', text: seg.text },
      );
    if (!segments.some((s) => s.kind === 'text') && str(message.refusal))
      content.push({ type: 'text', text: str(message.refusal)! });
  } else {
    let text = str(message.content) ?? '';
    const split = splitThinkTags(text);
    if (split.reasoning !== undefined) {
      reasoning = reasoning ? reasoning : split.reasoning;
      text = split.text;
    }
    if (reasoning) content.push({ type: 'reasoning', text: reasoning });
    if (!text && str(message.refusal)) text = str(message.refusal)!;
    if (text) content.push({ type: 'text', text });
  }

  const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  calls.forEach((raw: unknown, i) => {
    if (!isRecord(raw)) return;
    const fn = isRecord(raw.function) ? raw.function : {};
    content.push({
      type: 'tool-call',
      id: str(raw.id) ?? `call_${i}`,
      name: str(fn.name) ?? '',
      arguments: str(fn.arguments) ?? '',
    });
  });

  const raw = str(choice.finish_reason);
  let finishReason = decodeChatFinishReason(raw);
  // Some compatible servers say "stop" after emitting tool calls; the caller must still run them.
  if (finishReason === 'stop' && calls.length) finishReason = 'tool_calls';
  const response: CanonicalResponse = {
    id: str(body.id) ?? '',
    model: str(body.model) ?? '',
    created: typeof body.created === 'number' ? body.created : Math.floor(Date.now() / 1000),
    content,
    finishReason,
  };
  if (raw) response.rawFinishReason = raw;
  const usage = decodeChatUsage(body.usage);
  if (usage) response.usage = usage;
  return response;
}

/**
 * An assistant turn as a Chat `message`. `carries`: which reasoning goes into `reasoning_content`
 * (an answer carries all of its own; a request leaves out what another vendor's model produced).
 */
export function chatAssistantMessage(
  parts: AssistantPart[],
  carries: (part: ReasoningPart) => boolean = () => true,
): Record<string, unknown> {
  const text = parts
    .filter((p) => p.type === 'text')
    .map((p) => p.text)
    .join('');
  const reasoning = parts
    .filter((p): p is ReasoningPart => p.type === 'reasoning' && !!p.text && carries(p))
    .map((p) => p.text)
    .join('\n\n');
  const calls = parts.filter((p) => p.type === 'tool-call');
  const message: Record<string, unknown> = { role: 'assistant', content: text || (calls.length ? null : '') };
  if (reasoning) message.reasoning_content = reasoning;
  if (calls.length) {
    message.tool_calls = calls.map((c) => ({
      id: c.id,
      type: 'function',
      function: { name: c.name, arguments: c.arguments || '{}' },
    }));
  }
  return message;
}

export function chatCompletionId(id: string | undefined, ctx: EncodeContext): string {
  return id ? id : `chatcmpl-${ctx.requestId}`;
}

export function encodeChatResponse(response: CanonicalResponse, ctx: EncodeContext): Record<string, unknown> {
  const message = chatAssistantMessage(response.content);
  message.refusal = null;
  const body: Record<string, unknown> = {
    id: chatCompletionId(response.id, ctx),
    object: 'chat.completion',
    created: response.created,
    model: ctx.model,
    choices: [
      { index: 0, message, logprobs: null, finish_reason: encodeChatFinishReason(response.finishReason) },
    ],
  };
  if (response.usage) body.usage = encodeChatUsage(response.usage);
  return body;
}
