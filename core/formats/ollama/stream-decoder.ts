import type { StreamEvent, Usage } from '../canonical.js';
import type { SseMessage, StreamDecoder } from '../codec.js';
import { parseEventData } from '../json.js';
import { decodeOllamaError } from './errors.js';
import { decodeDoneReason } from './finish-reason.js';
import { createdFrom, decodeToolCalls } from './response.js';
import { decodeOllamaUsage } from './usage.js';

type Block = 'text' | 'reasoning';

/**
 * Ollama's NDJSON stream → canonical events. Each line (given as `{ data: line }`) is a whole
 * chat answer slice: `message.thinking` and `message.content` grow the reasoning and text blocks;
 * `message.tool_calls` holds whole calls (each opened, filled and closed at once); the last line
 * has `done: true`, the reason and the counts. A line `{"error": …}` is a failure.
 */
export class OllamaStreamDecoder implements StreamDecoder {
  private started = false;
  private finished = false;
  private block = 0;
  /** The id of the text and of the reasoning block open now. */
  private readonly open: Partial<Record<Block, string>> = {};
  private calls = 0;

  push(message: SseMessage): StreamEvent[] {
    const out: StreamEvent[] = [];
    if (this.finished) return out;
    const data = parseEventData(message.data);
    if (data === undefined || Array.isArray(data)) return out;
    if (!this.started) {
      this.started = true;
      out.push({
        type: 'start',
        id: '',
        model: typeof data.model === 'string' ? data.model : '',
        created: createdFrom(data.created_at),
      });
    }
    if (data.error !== undefined) {
      // Mid-stream the status stays 200 (docs/api/errors.mdx): the failure is the model's run.
      out.push({ type: 'error', error: decodeOllamaError(500, data) });
      this.finished = true;
      return out;
    }
    const msg = data.message;
    if (msg && typeof msg === 'object') {
      if (typeof msg.thinking === 'string' && msg.thinking) this.delta(out, 'reasoning', msg.thinking);
      if (typeof msg.content === 'string' && msg.content) this.delta(out, 'text', msg.content);
      this.toolCalls(out, msg.tool_calls, data.created_at);
    }
    if (data.done === true) this.finish(out, data.done_reason, decodeOllamaUsage(data));
    return out;
  }

  end(): StreamEvent[] {
    const out: StreamEvent[] = [];
    if (this.finished) return out;
    if (!this.started) out.push({ type: 'start', id: '', model: '', created: Math.floor(Date.now() / 1000) });
    this.started = true;
    // No `done: true` line: the upstream hung up mid-answer, not a clean stop.
    this.closeBlocks(out);
    this.finished = true;
    out.push({ type: 'finish', reason: 'other' });
    return out;
  }

  private finish(out: StreamEvent[], raw: unknown, usage: Usage | undefined): void {
    this.closeBlocks(out);
    this.finished = true;
    if (usage) out.push({ type: 'usage', usage });
    const ev: StreamEvent = { type: 'finish', reason: decodeDoneReason(raw, this.calls > 0) };
    if (typeof raw === 'string' && raw) ev.rawReason = raw;
    if (usage) ev.usage = usage;
    out.push(ev);
  }

  /** Text and reasoning alternate: a delta of one closes the other's block. */
  private delta(out: StreamEvent[], block: Block, text: string): void {
    this.close(out, block === 'text' ? 'reasoning' : 'text');
    let id = this.open[block];
    if (id === undefined) {
      id = this.open[block] = `${block}-${this.block++}`;
      out.push(block === 'text' ? { type: 'text-start', id } : { type: 'reasoning-start', id });
    }
    out.push(block === 'text' ? { type: 'text-delta', id, text } : { type: 'reasoning-delta', id, text });
  }

  private toolCalls(out: StreamEvent[], raw: unknown, createdAt: unknown): void {
    const parts = decodeToolCalls(raw, createdAt, this.calls);
    if (!parts.length) return;
    this.closeBlocks(out);
    for (const p of parts) {
      if (p.type !== 'tool-call') continue;
      this.calls++;
      out.push({ type: 'tool-call-start', id: p.id, name: p.name });
      out.push({ type: 'tool-call-delta', id: p.id, argumentsDelta: p.arguments });
      out.push({ type: 'tool-call-end', id: p.id });
    }
  }

  private closeBlocks(out: StreamEvent[]): void {
    this.close(out, 'text');
    this.close(out, 'reasoning');
  }

  private close(out: StreamEvent[], block: Block): void {
    const id = this.open[block];
    if (id === undefined) return;
    out.push(block === 'text' ? { type: 'text-end', id } : { type: 'reasoning-end', id });
    delete this.open[block];
  }
}
