import type { StreamEvent, TokenOrigin, Usage } from '../canonical.js';
import type { EncodeContext, StreamEncoder } from '../codec.js';
import { formatSse } from '../../util/sse.js';
import { encodeGeminiError } from './errors.js';
import { wrapCodeAssistResponse } from './code-assist.js';
import { encodeFinishReason } from './finish-reason.js';
import { stemOf } from './ids.js';
import { encodeFunctionCall, type GeminiPart } from './parts.js';
import { encodeUsage } from './usage.js';

interface PendingCall {
  name: string;
  args: string;
  origin?: TokenOrigin;
}

/**
 * Canonical events → Gemini stream: one GenerateContentResponse per chunk, as SSE (`?alt=sse`)
 * or as the elements of one JSON array (plain `:streamGenerateContent`). Gemini never streams
 * function-call arguments, so a call is written whole when it ends.
 */
export function createGeminiStreamEncoder(ctx: EncodeContext): StreamEncoder {
  const calls = new Map<string, PendingCall>();
  const reasoningText = new Map<string, boolean>();
  let responseId = stemOf(ctx.requestId);
  let usage: Partial<Usage> | undefined;
  let written = 0;
  let closed = false;

  function write(obj: unknown): string {
    const json = JSON.stringify(ctx.codeAssist ? wrapCodeAssistResponse(obj) : obj);
    written++;
    if (!ctx.jsonArrayStream) return formatSse(json);
    return (written === 1 ? '[' : ',\r\n') + json;
  }

  function chunk(parts: GeminiPart[], finishReason?: string): string {
    const candidate: Record<string, unknown> = { content: { role: 'model', parts }, index: 0 };
    if (finishReason) candidate.finishReason = finishReason;
    const body: Record<string, unknown> = { candidates: [candidate] };
    if (usage) body.usageMetadata = encodeUsage(usage);
    body.modelVersion = ctx.model;
    body.responseId = responseId;
    return write(body);
  }

  function terminate(): string {
    closed = true;
    if (!ctx.jsonArrayStream) return '';
    return written === 0 ? '[]' : ']';
  }

  const encoder: StreamEncoder = {
    push(event: StreamEvent): string {
      if (closed) return '';
      switch (event.type) {
        case 'start':
          if (event.id) responseId = event.id;
          if (event.usage) usage = { ...usage, ...event.usage };
          return '';
        case 'text-delta':
          return event.text ? chunk([{ text: event.text }]) : '';
        case 'reasoning-start':
          reasoningText.set(event.id, false);
          return '';
        case 'reasoning-delta':
          if (!event.text) return '';
          reasoningText.set(event.id, true);
          return chunk([{ text: event.text, thought: true }]);
        case 'reasoning-end': {
          const hadText = reasoningText.get(event.id) ?? false;
          reasoningText.delete(event.id);
          // Only Gemini's own signatures mean anything to a Gemini client; Gemini itself sends
          // a trailing signature as an empty part.
          if (event.origin !== 'gemini' || !event.thoughtSignature) return '';
          const part: GeminiPart = { text: '', thoughtSignature: event.thoughtSignature };
          if (hadText) part.thought = true;
          return chunk([part]);
        }
        case 'tool-call-start': {
          const call: PendingCall = { name: event.name, args: '' };
          if (event.origin) call.origin = event.origin;
          calls.set(event.id, call);
          return '';
        }
        case 'tool-call-delta': {
          const call = calls.get(event.id);
          if (call) call.args += event.argumentsDelta;
          return '';
        }
        case 'tool-call-end': {
          const call = calls.get(event.id);
          if (!call) return '';
          calls.delete(event.id);
          const origin = event.origin ?? call.origin;
          const part = encodeFunctionCall(
            {
              type: 'tool-call',
              id: event.id,
              name: call.name,
              arguments: call.args,
              ...(origin ? { origin } : {}),
              ...(event.thoughtSignature ? { thoughtSignature: event.thoughtSignature } : {}),
            },
            true,
          );
          return chunk([part]);
        }
        case 'usage':
          usage = { ...usage, ...event.usage };
          return '';
        case 'finish': {
          if (event.usage) usage = event.usage;
          let out = '';
          // Calls the upstream never closed still reach the client.
          for (const id of [...calls.keys()]) out += encoder.push({ type: 'tool-call-end', id });
          out += chunk([{ text: '' }], encodeFinishReason(event.reason, event.rawReason));
          return out + terminate();
        }
        case 'error':
          return write(encodeGeminiError(event.error)) + terminate();
        default:
          return '';
      }
    },
    end(): string {
      if (closed) return '';
      return terminate();
    },
  };
  return encoder;
}
