import type { FinishReason, StreamEvent, Usage } from '../canonical.js';
import type { EncodeContext, StreamEncoder } from '../codec.js';
import { ollamaStreamErrorFrame } from './errors.js';
import { encodeDoneReason } from './finish-reason.js';
import { toolCallOut } from './response.js';
import { encodeOllamaUsage } from './usage.js';
import { mergeUsage } from '../usage-tap.js';

/**
 * Canonical events → Ollama's NDJSON: one line per text or thinking delta, one per tool call
 * (held until its arguments are complete: Ollama's clients read them as an object, never in
 * pieces), then the `done: true` line with the reason and counts.
 */
export class OllamaStreamEncoder implements StreamEncoder {
  private createdAt = new Date().toISOString();
  private done = false;
  private readonly calls = new Map<string, { name: string; args: string }>();
  private readonly usage: Partial<Usage> = {};
  private sawToolCall = false;

  constructor(private readonly ctx: EncodeContext) {}

  push(event: StreamEvent): string {
    if (this.done) return '';
    switch (event.type) {
      case 'start':
        this.createdAt = new Date(event.created * 1000).toISOString();
        mergeUsage(this.usage, event.usage);
        return '';
      case 'text-delta':
        return event.text ? this.line({ role: 'assistant', content: event.text }) : '';
      case 'reasoning-delta':
        return event.text ? this.line({ role: 'assistant', content: '', thinking: event.text }) : '';
      case 'tool-call-start':
      case 'tool-call-delta':
        this.collect(event);
        return '';
      case 'tool-call-end':
        return this.flushCall(event.id);
      case 'usage':
      case 'finish':
        mergeUsage(this.usage, event.usage);
        return event.type === 'finish' ? this.finish(event.reason) : '';
      case 'error':
        this.done = true;
        return this.flushCalls() + ollamaStreamErrorFrame(event.error);
      default:
        return '';
    }
  }

  end(): string {
    if (this.done) return '';
    return this.finish(this.sawToolCall ? 'tool_calls' : 'stop');
  }

  /** A call's pieces are kept until it ends: Ollama's clients read its arguments whole. */
  private collect(event: Extract<StreamEvent, { type: 'tool-call-start' | 'tool-call-delta' }>): void {
    if (event.type === 'tool-call-start') {
      this.calls.set(event.id, { name: event.name, args: '' });
      this.sawToolCall = true;
      return;
    }
    const call = this.calls.get(event.id);
    if (call) call.args += event.argumentsDelta;
  }

  private flushCall(id: string): string {
    const call = this.calls.get(id);
    if (!call) return '';
    this.calls.delete(id);
    return this.line({ role: 'assistant', content: '', tool_calls: [toolCallOut(call.name, call.args)] });
  }

  private flushCalls(): string {
    let out = '';
    for (const id of [...this.calls.keys()]) out += this.flushCall(id);
    return out;
  }

  private finish(reason: FinishReason): string {
    const out = this.flushCalls();
    this.done = true;
    return (
      out +
      `${JSON.stringify({
        model: this.ctx.model,
        created_at: this.createdAt,
        message: { role: 'assistant', content: '' },
        done_reason: encodeDoneReason(reason),
        done: true,
        ...encodeOllamaUsage(Object.keys(this.usage).length ? this.usage : undefined),
      })}\n`
    );
  }

  private line(message: Record<string, unknown>): string {
    return `${JSON.stringify({ model: this.ctx.model, created_at: this.createdAt, message, done: false })}\n`;
  }
}
