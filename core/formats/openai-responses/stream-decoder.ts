import type { GatewayErrorInfo, StreamEvent, Usage } from '../canonical.js';
import type { SseMessage, StreamDecoder } from '../codec.js';
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
export function createResponsesStreamDecoder(): StreamDecoder {
  const items = new Map<number, ItemState>();
  let started = false;
  let finished = false;
  let failed = false;
  let sawToolCall = false;
  let usage: Usage | undefined;

  function ensureStarted(out: StreamEvent[], response?: ResponsesResponseBody): void {
    if (started) return;
    started = true;
    out.push({
      type: 'start',
      id: response?.id ?? '',
      model: response?.model ?? '',
      created: response?.created_at ?? Math.floor(Date.now() / 1000),
    });
  }

  function openItem(out: StreamEvent[], index: number, item: ResponsesOutputItem): ItemState {
    const existing = items.get(index);
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
    items.set(index, state);
    if (kind === 'reasoning') {
      state.blockId = `reasoning-${index}`;
      const ev: StreamEvent = { type: 'reasoning-start', id: state.blockId, origin: 'openai-responses' };
      if (item.id) ev.itemId = item.id;
      out.push(ev);
      state.reasoningOpen = true;
    } else if (kind === 'function_call' || kind === 'custom_tool_call') {
      sawToolCall = true;
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
      if (initial) appendArguments(out, state, initial);
    }
    return state;
  }

  function appendArguments(out: StreamEvent[], state: ItemState, text: string): void {
    if (!text) return;
    state.emitted.set(0, (state.emitted.get(0) ?? '') + text);
    const delta = state.kind === 'custom_tool_call' ? JSON.stringify(text).slice(1, -1) : text;
    out.push({ type: 'tool-call-delta', id: state.blockId, argumentsDelta: delta });
  }

  /** Emits whatever part of `full` was not streamed yet (upstreams that only send `.done`). */
  function catchUp(
    full: string | undefined,
    state: ItemState,
    key: number,
    emit: (text: string) => void,
  ): void {
    if (full === undefined) return;
    const seen = state.emitted.get(key) ?? '';
    if (full.length > seen.length && full.startsWith(seen)) emit(full.slice(seen.length));
  }

  function textBlockId(state: ItemState, index: number, contentIndex: number): string {
    const opens = state.textOpens.get(contentIndex) ?? 1;
    return opens > 1 ? `text-${index}-${contentIndex}-${opens}` : `text-${index}-${contentIndex}`;
  }

  function textDelta(out: StreamEvent[], index: number, contentIndex: number, delta: string): void {
    const state = items.get(index) ?? openItem(out, index, { type: 'message' });
    if (!state.openText.has(contentIndex)) {
      state.openText.add(contentIndex);
      state.textOpens.set(contentIndex, (state.textOpens.get(contentIndex) ?? 0) + 1);
      out.push({ type: 'text-start', id: textBlockId(state, index, contentIndex) });
    }
    const id = textBlockId(state, index, contentIndex);
    if (!delta) return;
    state.emitted.set(contentIndex, (state.emitted.get(contentIndex) ?? '') + delta);
    out.push({ type: 'text-delta', id, text: delta });
  }

  function endText(out: StreamEvent[], index: number, contentIndex: number): void {
    const state = items.get(index);
    if (!state?.openText.has(contentIndex)) return;
    state.openText.delete(contentIndex);
    out.push({ type: 'text-end', id: textBlockId(state, index, contentIndex) });
  }

  function reasoningDelta(out: StreamEvent[], index: number, key: number, delta: string): void {
    const state = items.get(index) ?? openItem(out, index, { type: 'reasoning' });
    if (!delta || !state.reasoningOpen) return;
    state.emitted.set(key, (state.emitted.get(key) ?? '') + delta);
    out.push({ type: 'reasoning-delta', id: state.blockId, text: delta });
  }

  function closeItem(out: StreamEvent[], index: number, item: ResponsesOutputItem | undefined): void {
    const state = items.get(index) ?? (item ? openItem(out, index, item) : undefined);
    if (!state || state.done) return;
    state.done = true;
    if (item?.id) state.itemIds.add(item.id);
    switch (state.kind) {
      case 'message': {
        (item?.content ?? []).forEach((c, ci) => {
          const full = c.type === 'refusal' ? c.refusal : c.text;
          catchUp(full, state, ci, (rest) => textDelta(out, index, ci, rest));
        });
        for (const ci of [...state.openText]) endText(out, index, ci);
        return;
      }
      case 'reasoning': {
        // Only the .done item carries encrypted_content; summaries may also arrive only here.
        if (state.emitted.size === 0 && item) {
          const text = decodeOutputItem(item)[0];
          if (text?.type === 'reasoning' && text.text) reasoningDelta(out, index, 0, text.text);
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
        catchUp(full, state, 0, (rest) => appendArguments(out, state, rest));
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
  function closeAll(out: StreamEvent[], response?: ResponsesResponseBody): void {
    const outputs = (response?.output ?? []).filter((item): item is ResponsesOutputItem => !!item);
    const finalFor = new Map<number, ResponsesOutputItem>();
    const unmatched: Array<[number, ResponsesOutputItem]> = [];
    outputs.forEach((item, position) => {
      const byId = item.id ? [...items].find(([, st]) => st.itemIds.has(item.id!)) : undefined;
      if (byId && !finalFor.has(byId[0])) finalFor.set(byId[0], item);
      else unmatched.push([position, item]);
    });
    // A position already claimed by an id match is ambiguous: dropping beats duplicating.
    for (const [position, item] of unmatched) if (!finalFor.has(position)) finalFor.set(position, item);
    const indices = new Set([...items.keys(), ...finalFor.keys()]);
    for (const index of [...indices].sort((a, b) => a - b)) closeItem(out, index, finalFor.get(index));
  }

  function finish(
    out: StreamEvent[],
    response: ResponsesResponseBody | undefined,
    fallbackStatus: string,
  ): void {
    ensureStarted(out, response);
    closeAll(out, response);
    const decoded = decodeUsage(response?.usage);
    if (decoded) {
      usage = decoded;
      out.push({ type: 'usage', usage: decoded });
    }
    const status = response?.status ?? fallbackStatus;
    const incomplete = response?.incomplete_details?.reason;
    const ev: StreamEvent = { type: 'finish', reason: decodeFinishReason(status, incomplete, sawToolCall) };
    const raw = status === 'incomplete' ? (incomplete ?? status) : status;
    if (raw) ev.rawReason = raw;
    if (usage) ev.usage = usage;
    out.push(ev);
    finished = true;
  }

  function fail(out: StreamEvent[], error: GatewayErrorInfo): void {
    ensureStarted(out);
    out.push({ type: 'error', error });
    failed = true;
  }

  return {
    push(message: SseMessage): StreamEvent[] {
      const out: StreamEvent[] = [];
      if (finished || failed) return out;
      let data: any;
      try {
        data = JSON.parse(message.data);
      } catch {
        return out;
      }
      if (!data || typeof data !== 'object') return out;
      const type: string = data.type ?? message.event ?? '';
      const index: number = typeof data.output_index === 'number' ? data.output_index : 0;
      switch (type) {
        case 'response.created':
        case 'response.in_progress':
        case 'response.queued':
          ensureStarted(out, data.response);
          break;
        case 'response.output_item.added':
          ensureStarted(out);
          if (data.item) openItem(out, index, data.item);
          break;
        case 'response.content_part.added':
          ensureStarted(out);
          if (data.part?.type === 'output_text' || data.part?.type === 'refusal') {
            textDelta(out, index, data.content_index ?? 0, '');
          }
          break;
        case 'response.output_text.delta':
        case 'response.refusal.delta':
          ensureStarted(out);
          textDelta(out, index, data.content_index ?? 0, data.delta ?? '');
          break;
        case 'response.output_text.done':
        case 'response.refusal.done': {
          ensureStarted(out);
          const ci = data.content_index ?? 0;
          const state = items.get(index);
          const full = type === 'response.output_text.done' ? data.text : data.refusal;
          if (state) catchUp(full, state, ci, (rest) => textDelta(out, index, ci, rest));
          else if (full) textDelta(out, index, ci, full);
          break;
        }
        case 'response.content_part.done': {
          const ci = data.content_index ?? 0;
          const state = items.get(index);
          const full = data.part?.type === 'refusal' ? data.part?.refusal : data.part?.text;
          if (state && typeof full === 'string')
            catchUp(full, state, ci, (rest) => textDelta(out, index, ci, rest));
          endText(out, index, ci);
          break;
        }
        case 'response.reasoning_summary_part.added': {
          ensureStarted(out);
          const state = items.get(index) ?? openItem(out, index, { type: 'reasoning' });
          // Summary parts are separate paragraphs; the non-stream decoder joins them the same way.
          if (state.summaryParts++ > 0) reasoningDelta(out, index, -1, REASONING_SEPARATOR);
          break;
        }
        case 'response.reasoning_summary_text.delta':
        case 'response.reasoning_text.delta':
          ensureStarted(out);
          reasoningDelta(out, index, data.summary_index ?? data.content_index ?? 0, data.delta ?? '');
          break;
        case 'response.function_call_arguments.delta':
        case 'response.custom_tool_call_input.delta': {
          ensureStarted(out);
          const kind =
            type === 'response.function_call_arguments.delta' ? 'function_call' : 'custom_tool_call';
          const state = items.get(index) ?? openItem(out, index, { type: kind, id: data.item_id });
          appendArguments(out, state, data.delta ?? '');
          break;
        }
        case 'response.function_call_arguments.done':
        case 'response.custom_tool_call_input.done': {
          const state = items.get(index);
          const full = type === 'response.function_call_arguments.done' ? data.arguments : data.input;
          if (state) catchUp(full, state, 0, (rest) => appendArguments(out, state, rest));
          break;
        }
        case 'response.output_item.done':
          ensureStarted(out);
          closeItem(out, index, data.item);
          break;
        case 'response.completed':
          finish(out, data.response, 'completed');
          break;
        case 'response.incomplete':
          finish(out, data.response, 'incomplete');
          break;
        case 'response.failed': {
          const err = data.response?.error ?? {};
          fail(out, decodeResponsesError(500, { error: { ...err, type: err.type ?? 'server_error' } }));
          break;
        }
        case 'error':
          // Two shapes in the wild: the documented flat {code, message, param} and {error: {...}}.
          fail(out, decodeResponsesError(statusForStreamError(data), data.error ? data : { error: data }));
          break;
        default:
          break;
      }
      return out;
    },
    end(): StreamEvent[] {
      const out: StreamEvent[] = [];
      if (finished || failed) return out;
      // The upstream hung up without response.completed: close what is open and say so.
      finish(out, undefined, 'incomplete');
      return out;
    },
  };
}

function statusForStreamError(data: any): number {
  const code = String(data?.error?.code ?? data?.code ?? '');
  if (code === 'insufficient_quota' || code === 'rate_limit_exceeded') return 429;
  if (code === 'context_length_exceeded' || code === 'invalid_prompt') return 400;
  return 500;
}
