import type { StreamEvent, Usage } from '../canonical.js';
import type { SseMessage, StreamDecoder } from '../codec.js';
import { parseEventData } from '../json.js';
import { decodeOllamaError } from './errors.js';
import { decodeDoneReason } from './finish-reason.js';
import { createdFrom, decodeToolCalls } from './response.js';
import { decodeOllamaUsage } from './usage.js';

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
  private text: string | undefined;
  private reasoning: string | undefined;
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
      if (typeof msg.thinking === 'string' && msg.thinking) this.reasoningDelta(out, msg.thinking);
      if (typeof msg.content === 'string' && msg.content) this.textDelta(out, msg.content);
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

  private reasoningDelta(out: StreamEvent[], text: string): void {
    this.closeText(out);
    if (this.reasoning === undefined) {
      this.reasoning = `reasoning-${this.block++}`;
      out.push({ type: 'reasoning-start', id: this.reasoning });
    }
    out.push({ type: 'reasoning-delta', id: this.reasoning, text });
  }

  private textDelta(out: StreamEvent[], text: string): void {
    this.closeReasoning(out);
    if (this.text === undefined) {
      this.text = `text-${this.block++}`;
      out.push({ type: 'text-start', id: this.text });
    }
    out.push({ type: 'text-delta', id: this.text, text });
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
    this.closeText(out);
    this.closeReasoning(out);
  }

  private closeText(out: StreamEvent[]): void {
    if (this.text === undefined) return;
    out.push({ type: 'text-end', id: this.text });
    this.text = undefined;
  }

  private closeReasoning(out: StreamEvent[]): void {
    if (this.reasoning === undefined) return;
    out.push({ type: 'reasoning-end', id: this.reasoning });
    this.reasoning = undefined;
  }
}
