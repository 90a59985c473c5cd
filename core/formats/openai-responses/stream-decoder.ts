import type { GatewayErrorInfo, StreamEvent, Usage } from '../canonical.js';
import type { SseMessage, StreamDecoder } from '../codec.js';
import { parseEventData } from '../json.js';
import { decodeResponsesError } from './errors.js';
import { decodeFinishReason } from './finish-reason.js';
import { decodeOutputItem, type ResponsesOutputItem, type ResponsesResponseBody } from './response.js';
import { decodeUsage } from './usage.js';

interface ItemState {
  kind: 'message' | 'reasoning' | 'function_call' | 'custom_tool_call' | 'other';
  /** Canonical block id: the call id for tool calls, a synthetic one otherwise. */
  blockId: string;
  /** Text emitted so far per content/summary index, to fill in what only a `.done` carried. */
  emitted: Map<number, string>;
  openText: Set<number>;
  /** Text blocks opened per content index: a late `.done` catch-up after a close opens a new one. */
  textOpens: Map<number, number>;
  /** Every id the upstream gave this item (Copilot rotates them): matches the final output. */
  itemIds: Set<string>;
  reasoningOpen: boolean;
  summaryParts: number;
  done: boolean;
}

const REASONING_SEPARATOR = '\n\n';

/**
 * Responses SSE → canonical events. Items are keyed by `output_index`, never by item id: GitHub
 * Copilot rotates item ids mid-stream (vercel/ai #18548), while the index is stable.
 */
export class ResponsesStreamDecoder implements StreamDecoder {
  private readonly items = new Map<number, ItemState>();
  private started = false;
  /** response.completed / .incomplete / .failed / error was seen: later messages are ignored. */
  private done = false;
  private sawToolCall = false;
  private usage: Usage | undefined;

  private ensureStarted(out: StreamEvent[], response?: ResponsesResponseBody): void {
    if (this.started) return;
    this.started = true;
    out.push({
      type: 'start',
      id: response?.id ?? '',
      model: response?.model ?? '',
      created: response?.created_at ?? Math.floor(Date.now() / 1000),
    });
  }

  private openItem(out: StreamEvent[], index: number, item: ResponsesOutputItem): ItemState {
    const existing = this.items.get(index);
    if (existing) return existing;
    const kind =
      item.type === 'message' ||
      item.type === 'reasoning' ||
      item.type === 'function_call' ||
      item.type === 'custom_tool_call'
        ? item.type
        : 'other';
    const state: ItemState = {
      kind,
      blockId: `item-${index}`,
      emitted: new Map(),
      openText: new Set(),
      textOpens: new Map(),
      itemIds: new Set(item.id ? [item.id] : []),
      reasoningOpen: false,
      summaryParts: 0,
      done: false,
    };
    this.items.set(index, state);
    if (kind === 'reasoning') {
      state.blockId = `reasoning-${index}`;
      const ev: StreamEvent = { type: 'reasoning-start', id: state.blockId, origin: 'openai-responses' };
      if (item.id) ev.itemId = item.id;
      out.push(ev);
      state.reasoningOpen = true;
    } else if (kind === 'function_call' || kind === 'custom_tool_call') {
      this.sawToolCall = true;
      state.blockId = item.call_id ?? item.id ?? `call-${index}`;
      const ev: StreamEvent = {
        type: 'tool-call-start',
        id: state.blockId,
        name: item.name ?? '',
        origin: 'openai-responses',
      };
      if (item.id) ev.itemId = item.id;
      out.push(ev);
      if (kind === 'custom_tool_call') {
        // Freeform input is wrapped as {"input": "..."}; the wrapper opens here, content is
        // JSON-escaped as it streams, and output_item.done closes it.
        out.push({ type: 'tool-call-delta', id: state.blockId, argumentsDelta: '{"input":"' });
      }
      const initial = kind === 'function_call' ? item.arguments : item.input;
      if (initial) this.appendArguments(out, state, initial);
    }
    return state;
  }

  private appendArguments(out: StreamEvent[], state: ItemState, text: string): void {
    if (!text) return;
    state.emitted.set(0, (state.emitted.get(0) ?? '') + text);
    const delta = state.kind === 'custom_tool_call' ? JSON.stringify(text).slice(1, -1) : text;
    out.push({ type: 'tool-call-delta', id: state.blockId, argumentsDelta: delta });
  }

  /** Emits whatever part of `full` was not streamed yet (upstreams that only send `.done`). */
  private catchUp(
    full: string | undefined,
    state: ItemState,
    key: number,
    emit: (text: string) => void,
  ): void {
    if (full === undefined) return;
    const seen = state.emitted.get(key) ?? '';
    if (full.length > seen.length && full.startsWith(seen)) emit(full.slice(seen.length));
  }

  private textBlockId(state: ItemState, index: number, contentIndex: number): string {
    const opens = state.textOpens.get(contentIndex) ?? 1;
    return opens > 1 ? `text-${index}-${contentIndex}-${opens}` : `text-${index}-${contentIndex}`;
  }

  private textDelta(out: StreamEvent[], index: number, contentIndex: number, delta: string): void {
    const state = this.items.get(index) ?? this.openItem(out, index, { type: 'message' });
    if (!state.openText.has(contentIndex)) {
      state.openText.add(contentIndex);
      state.textOpens.set(contentIndex, (state.textOpens.get(contentIndex) ?? 0) + 1);
      out.push({ type: 'text-start', id: this.textBlockId(state, index, contentIndex) });
    }
    const id = this.textBlockId(state, index, contentIndex);
    if (!delta) return;
    state.emitted.set(contentIndex, (state.emitted.get(contentIndex) ?? '') + delta);
    out.push({ type: 'text-delta', id, text: delta });
  }

  private endText(out: StreamEvent[], index: number, contentIndex: number): void {
    const state = this.items.get(index);
    if (!state?.openText.has(contentIndex)) return;
    state.openText.delete(contentIndex);
    out.push({ type: 'text-end', id: this.textBlockId(state, index, contentIndex) });
  }

  private reasoningDelta(out: StreamEvent[], index: number, key: number, delta: string): void {
    const state = this.items.get(index) ?? this.openItem(out, index, { type: 'reasoning' });
    if (!delta || !state.reasoningOpen) return;
    state.emitted.set(key, (state.emitted.get(key) ?? '') + delta);
    out.push({ type: 'reasoning-delta', id: state.blockId, text: delta });
  }

  private closeItem(out: StreamEvent[], index: number, item: ResponsesOutputItem | undefined): void {
    const state = this.items.get(index) ?? (item ? this.openItem(out, index, item) : undefined);
    if (!state || state.done) return;
    state.done = true;
    if (item?.id) state.itemIds.add(item.id);
    switch (state.kind) {
      case 'message': {
        (item?.content ?? []).forEach((c, ci) => {
          const full = c.type === 'refusal' ? c.refusal : c.text;
          this.catchUp(full, state, ci, (rest) => this.textDelta(out, index, ci, rest));
        });
        for (const ci of [...state.openText]) this.endText(out, index, ci);
        return;
      }
      case 'reasoning': {
        // Only the .done item carries encrypted_content; summaries may also arrive only here.
        if (state.emitted.size === 0 && item) {
          const text = decodeOutputItem(item)[0];
          if (text?.type === 'reasoning' && text.text) this.reasoningDelta(out, index, 0, text.text);
        }
        const ev: StreamEvent = { type: 'reasoning-end', id: state.blockId, origin: 'openai-responses' };
        if (item?.encrypted_content) ev.encryptedContent = item.encrypted_content;
        if (item?.id) ev.itemId = item.id;
        state.reasoningOpen = false;
        out.push(ev);
        return;
      }
      case 'function_call':
      case 'custom_tool_call': {
        const full = state.kind === 'function_call' ? item?.arguments : item?.input;
        this.catchUp(full, state, 0, (rest) => this.appendArguments(out, state, rest));
        if (state.kind === 'custom_tool_call') {
          out.push({ type: 'tool-call-delta', id: state.blockId, argumentsDelta: '"}' });
        }
        out.push({ type: 'tool-call-end', id: state.blockId, origin: 'openai-responses' });
        return;
      }
      default:
        return;
    }
  }

  /**
   * The final response's `output` lists items by position, which need not be the stream's
   * `output_index` (items the upstream does not show, such as a hidden web search between a
   * `commentary` and a `final_answer` message, leave gaps). So each listed item is matched to a
   * streamed one by id first, by position only when no id matches; only a listed item matching
   * none is new (proxies that skip item events).
   */
  private closeAll(out: StreamEvent[], response?: ResponsesResponseBody): void {
    const outputs = (response?.output ?? []).filter((item): item is ResponsesOutputItem => !!item);
    const finalFor = new Map<number, ResponsesOutputItem>();
    const unmatched: Array<[number, ResponsesOutputItem]> = [];
    outputs.forEach((item, position) => {
      const byId = item.id ? [...this.items].find(([, st]) => st.itemIds.has(item.id!)) : undefined;
      if (byId && !finalFor.has(byId[0])) finalFor.set(byId[0], item);
      else unmatched.push([position, item]);
    });
    // A position already claimed by an id match is ambiguous: dropping beats duplicating.
    for (const [position, item] of unmatched) if (!finalFor.has(position)) finalFor.set(position, item);
    const indices = new Set([...this.items.keys(), ...finalFor.keys()]);
    for (const index of [...indices].sort((a, b) => a - b)) this.closeItem(out, index, finalFor.get(index));
  }

  private finish(
    out: StreamEvent[],
    response: ResponsesResponseBody | undefined,
    fallbackStatus: string,
  ): void {
    this.ensureStarted(out, response);
    this.closeAll(out, response);
    const decoded = decodeUsage(response?.usage);
    if (decoded) {
      this.usage = decoded;
      out.push({ type: 'usage', usage: decoded });
    }
    const status = response?.status ?? fallbackStatus;
    const incomplete = response?.incomplete_details?.reason;
    const ev: StreamEvent = {
      type: 'finish',
      reason: decodeFinishReason(status, incomplete, this.sawToolCall),
    };
    const raw = status === 'incomplete' ? (incomplete ?? status) : status;
    if (raw) ev.rawReason = raw;
    if (this.usage) ev.usage = this.usage;
    out.push(ev);
    this.done = true;
  }

  private fail(out: StreamEvent[], error: GatewayErrorInfo): void {
    this.ensureStarted(out);
    out.push({ type: 'error', error });
    this.done = true;
  }

  // Over 80 lines, on purpose: one case per event type, each a line or two that names its
  // handler, so the whole protocol reads as one table.
  push(message: SseMessage): StreamEvent[] {
    const out: StreamEvent[] = [];
    if (this.done) return out;
    const data = parseEventData(message.data);
    if (data === undefined) return out;
    const type: string = data.type ?? message.event ?? '';
    const index: number = typeof data.output_index === 'number' ? data.output_index : 0;
    switch (type) {
      case 'response.created':
      case 'response.in_progress':
      case 'response.queued':
        this.ensureStarted(out, data.response);
        break;
      case 'response.output_item.added':
        this.ensureStarted(out);
        if (data.item) this.openItem(out, index, data.item);
        break;
      case 'response.content_part.added':
        this.ensureStarted(out);
        if (data.part?.type === 'output_text' || data.part?.type === 'refusal') {
          this.textDelta(out, index, data.content_index ?? 0, '');
        }
        break;
      case 'response.output_text.delta':
      case 'response.refusal.delta':
        this.ensureStarted(out);
        this.textDelta(out, index, data.content_index ?? 0, data.delta ?? '');
        break;
      case 'response.output_text.done':
      case 'response.refusal.done':
        this.ensureStarted(out);
        this.onTextDone(
          out,
          index,
          data.content_index ?? 0,
          type === 'response.output_text.done' ? data.text : data.refusal,
        );
        break;
      case 'response.content_part.done':
        this.onContentPartDone(out, index, data);
        break;
      case 'response.reasoning_summary_part.added':
        this.ensureStarted(out);
        this.onSummaryPart(out, index);
        break;
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        this.ensureStarted(out);
        this.reasoningDelta(out, index, data.summary_index ?? data.content_index ?? 0, data.delta ?? '');
        break;
      case 'response.function_call_arguments.delta':
      case 'response.custom_tool_call_input.delta':
        this.ensureStarted(out);
        this.onArgumentsDelta(out, index, type === 'response.function_call_arguments.delta', data);
        break;
      case 'response.function_call_arguments.done':
        this.onArgumentsDone(out, index, data.arguments);
        break;
      case 'response.custom_tool_call_input.done':
        this.onArgumentsDone(out, index, data.input);
        break;
      case 'response.output_item.done':
        this.ensureStarted(out);
        this.closeItem(out, index, data.item);
        break;
      case 'response.completed':
        this.finish(out, data.response, 'completed');
        break;
      case 'response.incomplete':
        this.finish(out, data.response, 'incomplete');
        break;
      case 'response.failed':
        this.onFailed(out, data);
        break;
      case 'error':
        this.onError(out, data);
        break;
      default:
        break;
    }
    return out;
  }

  end(): StreamEvent[] {
    const out: StreamEvent[] = [];
    if (this.done) return out;
    // The upstream hung up without response.completed: close what is open and say so.
    this.finish(out, undefined, 'incomplete');
    return out;
  }

  private onTextDone(out: StreamEvent[], index: number, ci: number, full: string | undefined): void {
    const state = this.items.get(index);
    if (state) this.catchUp(full, state, ci, (rest) => this.textDelta(out, index, ci, rest));
    else if (full) this.textDelta(out, index, ci, full);
  }

  private onContentPartDone(out: StreamEvent[], index: number, data: any): void {
    const ci = data.content_index ?? 0;
    const state = this.items.get(index);
    const full = data.part?.type === 'refusal' ? data.part?.refusal : data.part?.text;
    if (state && typeof full === 'string')
      this.catchUp(full, state, ci, (rest) => this.textDelta(out, index, ci, rest));
    this.endText(out, index, ci);
  }

  private onSummaryPart(out: StreamEvent[], index: number): void {
    const state = this.items.get(index) ?? this.openItem(out, index, { type: 'reasoning' });
    // Summary parts are separate paragraphs; the non-stream decoder joins them the same way.
    if (state.summaryParts++ > 0) this.reasoningDelta(out, index, -1, REASONING_SEPARATOR);
  }

  private onArgumentsDone(out: StreamEvent[], index: number, full: string | undefined): void {
    const state = this.items.get(index);
    if (state) this.catchUp(full, state, 0, (rest) => this.appendArguments(out, state, rest));
  }

  private onFailed(out: StreamEvent[], data: any): void {
    const err = data.response?.error ?? {};
    this.fail(out, decodeResponsesError(500, { error: { ...err, type: err.type ?? 'server_error' } }));
  }

  /** Two shapes in the wild: the documented flat {code, message, param} and {error: {...}}. */
  private onError(out: StreamEvent[], data: any): void {
    this.fail(out, decodeResponsesError(statusForStreamError(data), data.error ? data : { error: data }));
  }

  private onArgumentsDelta(out: StreamEvent[], index: number, isFunction: boolean, data: any): void {
    const kind = isFunction ? 'function_call' : 'custom_tool_call';
    const state = this.items.get(index) ?? this.openItem(out, index, { type: kind, id: data.item_id });
    this.appendArguments(out, state, data.delta ?? '');
  }
}

function statusForStreamError(data: any): number {
  const code = String(data?.error?.code ?? data?.code ?? '');
  if (code === 'insufficient_quota' || code === 'rate_limit_exceeded') return 429;
  if (code === 'context_length_exceeded' || code === 'invalid_prompt') return 400;
  return 500;
}
