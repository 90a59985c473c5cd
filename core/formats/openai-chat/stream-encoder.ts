import type { FinishReason, StreamEvent, Usage } from '../canonical.js';
import type { EncodeContext, StreamEncoder } from '../codec.js';
import { formatSse } from '../../util/sse.js';
import { chatStreamErrorFrame } from './errors.js';
import { encodeChatFinishReason } from './finish-reason.js';
import { chatCompletionId } from './response.js';
import { encodeChatUsage } from './usage.js';

/** Canonical events → `data: {chat.completion.chunk}` lines ending in `data: [DONE]`. */
export class ChatStreamEncoder implements StreamEncoder {
  private id: string;
  private created = Math.floor(Date.now() / 1000);
  private started = false;
  private done = false;
  /** Canonical tool-call id → the `index` OpenAI clients key fragments by. */
  private readonly toolIndex = new Map<string, number>();
  private usage: Partial<Usage> = {};
  private sawUsage = false;
  private sawToolCall = false;

  constructor(private readonly ctx: EncodeContext) {
    this.id = chatCompletionId(undefined, ctx);
  }

  push(event: StreamEvent): string {
    if (this.done) return '';
    switch (event.type) {
      case 'start':
        if (event.id) this.id = event.id;
        this.created = event.created;
        return this.begin();
      case 'text-delta':
        return event.text ? this.begin() + this.chunk({ content: event.text }) : '';
      case 'reasoning-delta':
        return event.text ? this.begin() + this.chunk({ reasoning_content: event.text }) : '';
      case 'tool-call-start': {
        const index = this.toolIndex.size;
        this.toolIndex.set(event.id, index);
        this.sawToolCall = true;
        return (
          this.begin() +
          this.chunk({
            tool_calls: [
              { index, id: event.id, type: 'function', function: { name: event.name, arguments: '' } },
            ],
          })
        );
      }
      case 'tool-call-delta': {
        const index = this.toolIndex.get(event.id);
        if (index === undefined || !event.argumentsDelta) return '';
        return this.chunk({ tool_calls: [{ index, function: { arguments: event.argumentsDelta } }] });
      }
      case 'usage':
        this.mergeUsage(event.usage);
        return '';
      case 'finish':
        if (event.usage) this.mergeUsage(event.usage);
        return this.finish(event.reason);
      case 'error':
        this.done = true;
        return this.begin() + chatStreamErrorFrame(event.error);
      default:
        return '';
    }
  }

  end(): string {
    if (this.done) return '';
    return this.finish(this.sawToolCall ? 'tool_calls' : 'stop');
  }

  private begin(): string {
    if (this.started) return '';
    this.started = true;
    return this.chunk({ role: 'assistant', content: '' });
  }

  private finish(reason: FinishReason): string {
    this.done = true;
    let out = this.begin() + this.chunk({}, encodeChatFinishReason(reason));
    if (this.ctx.includeUsage) {
      out += this.frame({ choices: [], usage: encodeChatUsage(this.sawUsage ? this.usage : {}) });
    }
    return out + formatSse('[DONE]');
  }

  private mergeUsage(usage: Partial<Usage>): void {
    this.sawUsage = true;
    for (const [key, value] of Object.entries(usage)) {
      if (value !== undefined) (this.usage as Record<string, number>)[key] = value;
    }
  }

  private chunk(delta: Record<string, unknown>, finishReason: string | null = null): string {
    return this.frame({ choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] });
  }

  private frame(fields: Record<string, unknown>): string {
    return formatSse(
      JSON.stringify({
        id: this.id,
        object: 'chat.completion.chunk',
        created: this.created,
        model: this.ctx.model,
        ...fields,
      }),
    );
  }
}
