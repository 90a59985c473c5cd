import type { FinishReason, StreamEvent, TokenOrigin, Usage } from '../canonical.js';
import type { EncodeContext, StreamEncoder } from '../codec.js';
import { formatSse } from '../../util/sse.js';
import { toolUseId } from './encode-request.js';
import { anthropicStreamErrorFrame } from './errors.js';
import { encodeAnthropicStopReason } from './finish-reason.js';
import { messageId } from './response.js';
import { encodeAnthropicUsage } from './usage.js';

type Block = { kind: 'text' | 'thinking' | 'tool_use'; sourceId: string; index: number };

/**
 * Canonical events → Anthropic SSE. Anthropic clients allow one open content block at a time,
 * so a block opens lazily on its first content and closes as soon as another kind begins
 * (OmniRoute #686: interleaved blocks break Claude Code's tool_use parsing).
 */
export class AnthropicStreamEncoder implements StreamEncoder {
  private started = false;
  private done = false;
  private id: string;
  private nextIndex = 0;
  private open: Block | undefined;
  private usage: Partial<Usage> = {};
  private sawToolCall = false;
  /** Canonical reasoning id → origin from reasoning-start (needed when reasoning-end omits it). */
  private readonly reasoningOrigin = new Map<string, TokenOrigin | undefined>();

  constructor(private readonly ctx: EncodeContext) {
    this.id = messageId(undefined, ctx);
  }

  push(event: StreamEvent): string {
    if (this.done) return '';
    switch (event.type) {
      case 'start':
        if (event.usage) this.mergeUsage(event.usage);
        if (event.id) this.id = messageId(event.id, this.ctx);
        return this.begin();
      case 'text-delta':
        if (!event.text) return '';
        return (
          this.begin() +
          this.openBlock('text', event.id) +
          this.delta({ type: 'text_delta', text: event.text })
        );
      case 'reasoning-start':
        this.reasoningOrigin.set(event.id, event.origin);
        return '';
      case 'reasoning-delta':
        if (!event.text) return '';
        return (
          this.begin() +
          this.openBlock('thinking', event.id) +
          this.delta({ type: 'thinking_delta', thinking: event.text })
        );
      case 'reasoning-end':
        return this.begin() + this.reasoningEnd(event);
      case 'tool-call-start':
        this.sawToolCall = true;
        return (
          this.begin() +
          this.openBlock('tool_use', event.id, {
            type: 'tool_use',
            id: toolUseId(event.id),
            name: event.name,
            input: {},
          })
        );
      case 'tool-call-delta':
        // Upstreams stream calls one after another; a fragment for a call whose block already
        // closed (interleaved parallel calls) has nowhere valid to go.
        if (!event.argumentsDelta || this.open?.kind !== 'tool_use' || this.open.sourceId !== event.id)
          return '';
        return this.delta({ type: 'input_json_delta', partial_json: event.argumentsDelta });
      case 'tool-call-end':
      case 'text-end':
        return this.open?.sourceId === event.id ? this.closeBlock() : '';
      case 'usage':
        this.mergeUsage(event.usage);
        return '';
      case 'finish':
        if (event.usage) this.mergeUsage(event.usage);
        return this.begin() + this.finish(event.reason, event.rawReason, event.stopSequence);
      case 'error':
        // The SDK raises on an `error` event; nothing may follow it.
        this.done = true;
        return this.begin() + this.closeBlock() + anthropicStreamErrorFrame(event.error);
      default:
        return '';
    }
  }

  end(): string {
    if (this.done) return '';
    return this.begin() + this.finish(this.sawToolCall ? 'tool_calls' : 'stop');
  }

  /**
   * A thinking block gets its signature_delta only when Anthropic issued the signature.
   * Reasoning from another origin stays a thinking block without one (its content_block_start
   * already says `signature: ""`), so the caller sees it but can never replay a forged token.
   */
  private reasoningEnd(event: Extract<StreamEvent, { type: 'reasoning-end' }>): string {
    const origin = event.origin ?? this.reasoningOrigin.get(event.id);
    this.reasoningOrigin.delete(event.id);
    const anthropic = origin === 'anthropic';
    if (anthropic && event.redactedData) {
      return (
        this.closeBlock() +
        this.openBlock('thinking', event.id, { type: 'redacted_thinking', data: event.redactedData }) +
        this.closeBlock()
      );
    }
    let out = '';
    if (anthropic && event.signature) {
      // Thinking whose text is hidden still needs its block to carry the signature.
      out += this.openBlock('thinking', event.id);
      out += this.delta({ type: 'signature_delta', signature: event.signature });
    }
    if (this.open?.kind === 'thinking' && this.open.sourceId === event.id) out += this.closeBlock();
    return out;
  }

  private begin(): string {
    if (this.started) return '';
    this.started = true;
    const usage = encodeAnthropicUsage(this.usage);
    return this.event('message_start', {
      type: 'message_start',
      message: {
        id: this.id,
        type: 'message',
        role: 'assistant',
        model: this.ctx.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...usage, output_tokens: 0 },
      },
    });
  }

  private openBlock(kind: Block['kind'], sourceId: string, contentBlock?: Record<string, unknown>): string {
    if (this.open?.kind === kind && this.open.sourceId === sourceId) return '';
    let out = this.closeBlock();
    this.open = { kind, sourceId, index: this.nextIndex++ };
    const block =
      contentBlock ??
      (kind === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' });
    out += this.event('content_block_start', {
      type: 'content_block_start',
      index: this.open.index,
      content_block: block,
    });
    return out;
  }

  private closeBlock(): string {
    if (!this.open) return '';
    const { index } = this.open;
    this.open = undefined;
    return this.event('content_block_stop', { type: 'content_block_stop', index });
  }

  private delta(delta: Record<string, unknown>): string {
    if (!this.open) return '';
    return this.event('content_block_delta', { type: 'content_block_delta', index: this.open.index, delta });
  }

  private finish(reason: FinishReason, raw?: string, stopSequence?: string): string {
    this.done = true;
    let out = this.closeBlock();
    out += this.event('message_delta', {
      type: 'message_delta',
      delta: {
        stop_reason: encodeAnthropicStopReason(reason, raw, stopSequence),
        stop_sequence: stopSequence ?? null,
      },
      usage: encodeAnthropicUsage(this.usage),
    });
    return out + this.event('message_stop', { type: 'message_stop' });
  }

  private mergeUsage(usage: Partial<Usage>): void {
    for (const [key, value] of Object.entries(usage)) {
      if (value !== undefined) (this.usage as Record<string, number>)[key] = value;
    }
  }

  private event(type: string, data: Record<string, unknown>): string {
    return formatSse(JSON.stringify(data), type);
  }
}
