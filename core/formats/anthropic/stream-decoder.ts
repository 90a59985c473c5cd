import type { GatewayErrorInfo, StreamEvent, Usage } from '../canonical.js';
import type { SseMessage, StreamDecoder } from '../codec.js';
import { isRecord } from '../json.js';
import { decodeAnthropicErrorBody } from './errors.js';
import { decodeAnthropicStopReason } from './finish-reason.js';
import { STRUCTURED_OUTPUT_TOOL } from './structured-output.js';
import { decodeAnthropicUsage } from './usage.js';

type OpenBlock =
  | { kind: 'text'; id: string }
  | { kind: 'reasoning'; id: string; signature: string }
  | { kind: 'tool'; id: string }
  /** server_tool_use, web_search_tool_result …: executed upstream, nothing to forward. */
  | { kind: 'skip' };

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * A stream whose events break the documented order (one message_start; each block started,
 * then its deltas, then stopped) is not an answer: merging it would hand the caller two
 * messages glued together, or text with no block, under a finish reason nobody sent.
 */
function outOfOrder(what: string): GatewayErrorInfo {
  return {
    status: 502,
    kind: 'upstream',
    message: `The upstream's Anthropic stream is out of order: ${what}.`,
  };
}

/** Anthropic Messages SSE → canonical events. Blocks are keyed by the upstream `index`. */
export class AnthropicStreamDecoder implements StreamDecoder {
  private started = false;
  private finished = false;
  private failed = false;
  private readonly blocks = new Map<number, OpenBlock>();
  private usage: Usage | undefined;
  private stopReason: string | undefined;
  private stopSequence: string | undefined;
  private sawToolCall = false;
  private structured = false;

  push(message: SseMessage): StreamEvent[] {
    if (this.finished || this.failed) return [];
    let data: unknown;
    try {
      data = JSON.parse(message.data);
    } catch {
      return [];
    }
    if (!isRecord(data)) return [];
    const type = str(data.type) ?? message.event;
    switch (type) {
      case 'message_start':
        if (this.started)
          return this.corrupt('message_start after the message had begun, before message_stop');
        return this.onStart(isRecord(data.message) ? data.message : {});
      case 'content_block_start': {
        const index = Number(data.index);
        if (this.blocks.has(index))
          return this.corrupt(`content_block_start for block ${index}, already open`);
        return this.onBlockStart(index, isRecord(data.content_block) ? data.content_block : {});
      }
      case 'content_block_delta': {
        const index = Number(data.index);
        if (!this.blocks.has(index)) return this.corrupt(`content_block_delta for block ${index}, not open`);
        return this.onDelta(index, isRecord(data.delta) ? data.delta : {});
      }
      case 'content_block_stop': {
        const index = Number(data.index);
        if (!this.blocks.has(index)) return this.corrupt(`content_block_stop for block ${index}, not open`);
        return this.onBlockStop(index);
      }
      case 'message_delta': {
        const delta = isRecord(data.delta) ? data.delta : {};
        if (str(delta.stop_reason)) this.stopReason = str(delta.stop_reason);
        if (str(delta.stop_sequence)) this.stopSequence = str(delta.stop_sequence);
        // Cumulative totals: they replace message_start's numbers, never add to them.
        const usage = decodeAnthropicUsage(data.usage, this.usage);
        if (!usage) return [];
        this.usage = usage;
        return [{ type: 'usage', usage }];
      }
      case 'message_stop':
        return this.complete();
      case 'error':
        return this.fail(decodeAnthropicErrorBody(200, data));
      default:
        // ping, and event types newer than this code.
        return [];
    }
  }

  end(): StreamEvent[] {
    if (this.finished || this.failed) return [];
    return this.complete();
  }

  /** Ends the stream with an error; tool calls cut off are left unended (they are incomplete). */
  private fail(error: GatewayErrorInfo): StreamEvent[] {
    this.failed = true;
    const events = [...this.ensureStarted(), ...this.closeAll(false)];
    events.push({ type: 'error', error });
    return events;
  }

  private corrupt(what: string): StreamEvent[] {
    return this.fail(outOfOrder(what));
  }

  private ensureStarted(): StreamEvent[] {
    if (this.started) return [];
    this.started = true;
    return [{ type: 'start', id: '', model: '', created: Math.floor(Date.now() / 1000) }];
  }

  private onStart(message: Record<string, unknown>): StreamEvent[] {
    if (this.started) return [];
    this.started = true;
    const event: Extract<StreamEvent, { type: 'start' }> = {
      type: 'start',
      id: str(message.id) ?? '',
      model: str(message.model) ?? '',
      created: Math.floor(Date.now() / 1000),
    };
    const usage = decodeAnthropicUsage(message.usage);
    if (usage) {
      // message_start's output_tokens is a placeholder (1, 2 …); only the input side is real.
      this.usage = { ...usage, outputTokens: 0 };
      const { outputTokens: _ignored, ...input } = usage;
      event.usage = input;
    }
    return [event];
  }

  private onBlockStart(index: number, block: Record<string, unknown>): StreamEvent[] {
    const events = this.ensureStarted();
    const id = `${block.type}-${index}`;
    switch (block.type) {
      case 'text': {
        this.blocks.set(index, { kind: 'text', id });
        events.push({ type: 'text-start', id });
        if (str(block.text)) events.push({ type: 'text-delta', id, text: str(block.text)! });
        break;
      }
      case 'thinking': {
        this.blocks.set(index, { kind: 'reasoning', id, signature: str(block.signature) ?? '' });
        events.push({ type: 'reasoning-start', id, origin: 'anthropic' });
        if (str(block.thinking)) events.push({ type: 'reasoning-delta', id, text: str(block.thinking)! });
        break;
      }
      case 'redacted_thinking': {
        this.blocks.set(index, { kind: 'skip' });
        events.push(
          { type: 'reasoning-start', id, origin: 'anthropic' },
          { type: 'reasoning-end', id, redactedData: str(block.data) ?? '', origin: 'anthropic' },
        );
        break;
      }
      case 'tool_use': {
        const input =
          isRecord(block.input) && Object.keys(block.input).length ? JSON.stringify(block.input) : '';
        if (block.name === STRUCTURED_OUTPUT_TOOL) {
          // The forced structured-output tool carries the answer: stream it as text.
          this.structured = true;
          this.blocks.set(index, { kind: 'text', id });
          events.push({ type: 'text-start', id });
          if (input) events.push({ type: 'text-delta', id, text: input });
          break;
        }
        const callId = str(block.id) ?? id;
        this.sawToolCall = true;
        this.blocks.set(index, { kind: 'tool', id: callId });
        events.push({ type: 'tool-call-start', id: callId, name: str(block.name) ?? '' });
        if (input) events.push({ type: 'tool-call-delta', id: callId, argumentsDelta: input });
        break;
      }
      default:
        this.blocks.set(index, { kind: 'skip' });
    }
    return events;
  }

  private onDelta(index: number, delta: Record<string, unknown>): StreamEvent[] {
    const block = this.blocks.get(index);
    if (!block || block.kind === 'skip') return [];
    switch (delta.type) {
      case 'text_delta':
        return block.kind === 'text' && str(delta.text)
          ? [{ type: 'text-delta', id: block.id, text: str(delta.text)! }]
          : [];
      case 'thinking_delta':
        return block.kind === 'reasoning' && str(delta.thinking)
          ? [{ type: 'reasoning-delta', id: block.id, text: str(delta.thinking)! }]
          : [];
      case 'signature_delta':
        if (block.kind === 'reasoning') block.signature += str(delta.signature) ?? '';
        return [];
      case 'input_json_delta': {
        const json = str(delta.partial_json);
        if (!json) return [];
        if (block.kind === 'tool') return [{ type: 'tool-call-delta', id: block.id, argumentsDelta: json }];
        if (block.kind === 'text') return [{ type: 'text-delta', id: block.id, text: json }];
        return [];
      }
      default:
        return [];
    }
  }

  private onBlockStop(index: number): StreamEvent[] {
    const block = this.blocks.get(index);
    this.blocks.delete(index);
    return block ? this.close(block) : [];
  }

  private close(block: OpenBlock): StreamEvent[] {
    switch (block.kind) {
      case 'text':
        return [{ type: 'text-end', id: block.id }];
      case 'reasoning':
        return [
          block.signature
            ? { type: 'reasoning-end', id: block.id, signature: block.signature, origin: 'anthropic' }
            : { type: 'reasoning-end', id: block.id, origin: 'anthropic' },
        ];
      case 'tool':
        return [{ type: 'tool-call-end', id: block.id }];
      default:
        return [];
    }
  }

  /** Closes what the upstream left open. Tool calls cut off mid-stream are still ended. */
  private closeAll(includeTools: boolean): StreamEvent[] {
    const events: StreamEvent[] = [];
    for (const [index, block] of [...this.blocks]) {
      if (block.kind === 'tool' && !includeTools) continue;
      this.blocks.delete(index);
      events.push(...this.close(block));
    }
    return events;
  }

  private complete(): StreamEvent[] {
    const events = [...this.ensureStarted(), ...this.closeAll(true)];
    this.finished = true;
    let reason = this.stopReason ? decodeAnthropicStopReason(this.stopReason) : 'other';
    if (this.structured && reason === 'tool_calls' && !this.sawToolCall) reason = 'stop';
    const finish: Extract<StreamEvent, { type: 'finish' }> = { type: 'finish', reason };
    if (this.stopReason) finish.rawReason = this.stopReason;
    if (this.stopSequence) finish.stopSequence = this.stopSequence;
    if (this.usage) finish.usage = this.usage;
    events.push(finish);
    return events;
  }
}
