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
export class GeminiStreamEncoder implements StreamEncoder {
  private readonly calls = new Map<string, PendingCall>();
  private readonly reasoningText = new Map<string, boolean>();
  private responseId: string;
  private usage: Partial<Usage> | undefined;
  private written = 0;
  private closed = false;

  constructor(private readonly ctx: EncodeContext) {
    this.responseId = stemOf(ctx.requestId);
  }

  /** The protocol's dispatch table: one line per event kind, the work in the methods below. */
  push(event: StreamEvent): string {
    if (this.closed) return '';
    switch (event.type) {
      case 'start':
        if (event.id) this.responseId = event.id;
        if (event.usage) this.usage = { ...this.usage, ...event.usage };
        return '';
      case 'text-delta':
        return event.text ? this.chunk([{ text: event.text }]) : '';
      case 'reasoning-start':
        this.reasoningText.set(event.id, false);
        return '';
      case 'reasoning-delta':
        if (!event.text) return '';
        this.reasoningText.set(event.id, true);
        return this.chunk([{ text: event.text, thought: true }]);
      case 'reasoning-end':
        return this.reasoningEnd(event);
      case 'tool-call-start':
        this.toolCallStart(event);
        return '';
      case 'tool-call-delta': {
        const call = this.calls.get(event.id);
        if (call) call.args += event.argumentsDelta;
        return '';
      }
      case 'tool-call-end':
        return this.toolCallEnd(event.id, event.origin, event.thoughtSignature);
      case 'usage':
        this.usage = { ...this.usage, ...event.usage };
        return '';
      case 'finish':
        return this.finish(event);
      case 'error':
        return this.write(encodeGeminiError(event.error)) + this.terminate();
      default:
        return '';
    }
  }

  end(): string {
    if (this.closed) return '';
    return this.terminate();
  }

  private write(obj: unknown): string {
    const json = JSON.stringify(this.ctx.codeAssist ? wrapCodeAssistResponse(obj) : obj);
    this.written++;
    if (!this.ctx.jsonArrayStream) return formatSse(json);
    return (this.written === 1 ? '[' : ',\r\n') + json;
  }

  private chunk(parts: GeminiPart[], finishReason?: string): string {
    const candidate: Record<string, unknown> = { content: { role: 'model', parts }, index: 0 };
    if (finishReason) candidate.finishReason = finishReason;
    const body: Record<string, unknown> = { candidates: [candidate] };
    if (this.usage) body.usageMetadata = encodeUsage(this.usage);
    body.modelVersion = this.ctx.model;
    body.responseId = this.responseId;
    return this.write(body);
  }

  private terminate(): string {
    this.closed = true;
    if (!this.ctx.jsonArrayStream) return '';
    return this.written === 0 ? '[]' : ']';
  }

  private reasoningEnd(event: Extract<StreamEvent, { type: 'reasoning-end' }>): string {
    const hadText = this.reasoningText.get(event.id) ?? false;
    this.reasoningText.delete(event.id);
    // Only Gemini's own signatures mean anything to a Gemini client; Gemini itself sends
    // a trailing signature as an empty part.
    if (event.origin !== 'gemini' || !event.thoughtSignature) return '';
    const part: GeminiPart = { text: '', thoughtSignature: event.thoughtSignature };
    if (hadText) part.thought = true;
    return this.chunk([part]);
  }

  private toolCallStart(event: Extract<StreamEvent, { type: 'tool-call-start' }>): void {
    const call: PendingCall = { name: event.name, args: '' };
    if (event.origin) call.origin = event.origin;
    this.calls.set(event.id, call);
  }

  private toolCallEnd(id: string, endOrigin?: TokenOrigin, thoughtSignature?: string): string {
    const call = this.calls.get(id);
    if (!call) return '';
    this.calls.delete(id);
    const origin = endOrigin ?? call.origin;
    const part = encodeFunctionCall(
      {
        type: 'tool-call',
        id,
        name: call.name,
        arguments: call.args,
        ...(origin ? { origin } : {}),
        ...(thoughtSignature ? { thoughtSignature } : {}),
      },
      true,
    );
    return this.chunk([part]);
  }

  private finish(event: Extract<StreamEvent, { type: 'finish' }>): string {
    if (event.usage) this.usage = event.usage;
    let out = '';
    // Calls the upstream never closed still reach the client.
    for (const id of [...this.calls.keys()]) out += this.toolCallEnd(id);
    out += this.chunk([{ text: '' }], encodeFinishReason(event.reason, event.rawReason));
    return out + this.terminate();
  }
}
