import type { FinishReason, StreamEvent, Usage } from '../canonical.js';
import type { SseMessage, StreamDecoder } from '../codec.js';
import { decodeChatErrorBody } from './errors.js';
import { decodeChatFinishReason } from './finish-reason.js';
import { ThinkTagSplitter } from './think-tags.js';
import { typedContentSegments } from './typed-content.js';
import { decodeChatUsage } from './usage.js';
import { isRecord } from '../json.js';

interface TrackedCall {
  id: string;
  index: number | undefined;
  name: string;
  started: boolean;
  /** Argument text received before the name (the call cannot be announced without one). */
  pending: string;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Tool-call fragments → calls. Lookup order id → index → latest, because upstreams disagree on
 * what identifies a call: OpenAI sends the id once then only the index; Ollama reuses index 0
 * for parallel calls and tells them apart by a new id that comes WITH a name; LM Studio and
 * Kimi send a fresh id on every fragment WITHOUT a name (a continuation, not a new call).
 */
class ToolCallTracker {
  readonly calls: TrackedCall[] = [];
  private generated = 0;

  constructor(private readonly idPrefix: string) {}

  push(fragment: Record<string, unknown>): StreamEvent[] {
    const fn = isRecord(fragment.function) ? fragment.function : {};
    const id = str(fragment.id) || undefined;
    const index = typeof fragment.index === 'number' ? fragment.index : undefined;
    const name = str(fn.name) || undefined;
    const args = str(fn.arguments) ?? '';

    let call = this.find(id, index, name);
    if (!call) {
      call = {
        id: id ?? `${this.idPrefix}${this.generated++}`,
        index,
        name: '',
        started: false,
        pending: '',
      };
      this.calls.push(call);
    }
    const events: StreamEvent[] = [];
    if (name && !call.started) call.name = name;
    if (!call.started && call.name) {
      call.started = true;
      events.push({ type: 'tool-call-start', id: call.id, name: call.name });
      if (call.pending) events.push({ type: 'tool-call-delta', id: call.id, argumentsDelta: call.pending });
      call.pending = '';
    }
    if (args) {
      if (call.started) events.push({ type: 'tool-call-delta', id: call.id, argumentsDelta: args });
      else call.pending += args;
    }
    return events;
  }

  private find(
    id: string | undefined,
    index: number | undefined,
    name: string | undefined,
  ): TrackedCall | undefined {
    if (id) {
      const byId = this.calls.find((c) => c.id === id);
      if (byId) return byId;
      // A new id with a name is a new call even when the index is reused (Ollama).
      if (name) return undefined;
    }
    if (index !== undefined) {
      const byIndex = this.calls.findLast((c) => c.index === index);
      if (byIndex) return byIndex;
      if (name) return undefined;
    }
    return this.calls.at(-1);
  }

  /** Ends every announced call; a call that never got a name cannot be expressed and is dropped. */
  finish(): StreamEvent[] {
    const events: StreamEvent[] = [];
    for (const call of this.calls.splice(0)) {
      if (call.started) events.push({ type: 'tool-call-end', id: call.id });
    }
    return events;
  }
}

type Block = 'text' | 'reasoning';

export class ChatStreamDecoder implements StreamDecoder {
  private started = false;
  private finished = false;
  private failed = false;
  private blockSeq = 0;
  /** The open text and reasoning blocks' ids. */
  private readonly openIds: Record<Block, string | undefined> = { text: undefined, reasoning: undefined };
  private readonly think = new ThinkTagSplitter();
  private readonly tools = new ToolCallTracker('call_');
  private toolsEnded = false;
  private sawToolCall = false;
  private finishRaw: string | undefined;
  private usage: Usage | undefined;

  push(message: SseMessage): StreamEvent[] {
    if (this.finished || this.failed) return [];
    const data = message.data.trim();
    if (!data) return [];
    if (data === '[DONE]') return this.complete();
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      return [];
    }
    if (!isRecord(chunk)) return [];
    const events: StreamEvent[] = [];
    if (chunk.error !== undefined) {
      this.failed = true;
      events.push(...this.closeBlocks());
      events.push({ type: 'error', error: decodeChatErrorBody(500, chunk) });
      return events;
    }
    if (!this.started) {
      this.started = true;
      events.push({
        type: 'start',
        id: str(chunk.id) ?? '',
        model: str(chunk.model) ?? '',
        created: typeof chunk.created === 'number' ? chunk.created : Math.floor(Date.now() / 1000),
      });
    }
    const choice = Array.isArray(chunk.choices) && isRecord(chunk.choices[0]) ? chunk.choices[0] : undefined;
    if (choice) {
      const delta = isRecord(choice.delta) ? choice.delta : {};
      // Prefer one key: some servers send the same text under both.
      const reasoning = str(delta.reasoning_content) || str(delta.reasoning);
      if (reasoning) events.push(...this.delta('reasoning', reasoning));
      const content = str(delta.content);
      if (content) {
        for (const seg of this.think.push(content)) {
          events.push(...this.delta(seg.kind, seg.text));
        }
      } else if (Array.isArray(delta.content)) {
        // Typed chunks say what they are: no <think> tag detection on them.
        for (const seg of typedContentSegments(delta.content)) {
          events.push(...this.delta(seg.kind, seg.text));
        }
      }
      if (Array.isArray(delta.tool_calls)) {
        for (const fragment of delta.tool_calls) {
          if (!isRecord(fragment)) continue;
          if (!this.sawToolCall) events.push(...this.closeBlocks());
          this.sawToolCall = true;
          events.push(...this.tools.push(fragment));
        }
      }
      const finish = str(choice.finish_reason);
      if (finish) {
        // The finish chunk is the upstream saying every call is complete; `finish` itself
        // waits for [DONE] because usage may still follow in a `choices: []` chunk.
        this.finishRaw = finish;
        events.push(...this.flushThink(), ...this.closeBlocks(), ...this.endTools());
      }
    }
    const usage = decodeChatUsage(chunk.usage);
    if (usage) {
      this.usage = usage;
      events.push({ type: 'usage', usage });
    }
    return events;
  }

  end(): StreamEvent[] {
    if (this.finished || this.failed) return [];
    return this.complete();
  }

  private complete(): StreamEvent[] {
    const events: StreamEvent[] = [];
    if (!this.started) {
      this.started = true;
      events.push({ type: 'start', id: '', model: '', created: Math.floor(Date.now() / 1000) });
    }
    events.push(...this.flushThink(), ...this.closeBlocks(), ...this.endTools());
    this.finished = true;
    let reason: FinishReason = this.finishRaw ? decodeChatFinishReason(this.finishRaw) : 'stop';
    if (reason === 'stop' && this.sawToolCall) reason = 'tool_calls';
    const finish: Extract<StreamEvent, { type: 'finish' }> = { type: 'finish', reason };
    if (this.finishRaw) finish.rawReason = this.finishRaw;
    if (this.usage) finish.usage = this.usage;
    events.push(finish);
    return events;
  }

  private flushThink(): StreamEvent[] {
    const events: StreamEvent[] = [];
    for (const seg of this.think.flush()) {
      events.push(...this.delta(seg.kind, seg.text));
    }
    return events;
  }

  private endTools(): StreamEvent[] {
    if (this.toolsEnded) return [];
    this.toolsEnded = true;
    return this.tools.finish();
  }

  /**
   * Text and reasoning alternate: a delta of one closes the other's block (reasoning precedes the
   * answer; once text flows the reasoning block is complete) and opens its own when none is.
   */
  private delta(block: Block, text: string): StreamEvent[] {
    const events = this.close(block === 'text' ? 'reasoning' : 'text');
    let id = this.openIds[block];
    if (!id) {
      id = this.openIds[block] = `${block}-${this.blockSeq++}`;
      events.push({ type: `${block}-start`, id });
    }
    events.push({ type: `${block}-delta`, id, text });
    return events;
  }

  private close(block: Block): StreamEvent[] {
    const id = this.openIds[block];
    if (!id) return [];
    this.openIds[block] = undefined;
    return [{ type: `${block}-end`, id }];
  }

  private closeBlocks(): StreamEvent[] {
    return [...this.close('reasoning'), ...this.close('text')];
  }
}
