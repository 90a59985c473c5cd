import type { FinishReason, GatewayErrorInfo, StreamEvent, TokenOrigin, Usage } from '../canonical.js';
import type { EncodeContext, StreamEncoder } from '../codec.js';
import { formatSse } from '../../util/sse.js';
import { responsesFailure } from './errors.js';
import { encodeStatus } from './finish-reason.js';
import { responseId } from './ids.js';
import { ItemIds, encodeToolCallItem, messageItem, responseEnvelope } from './response.js';
import { customInputFromArguments } from './custom-tools.js';
import { encodeUsage } from './usage.js';

interface OpenItem {
  kind: 'message' | 'reasoning' | 'function_call' | 'custom_tool_call';
  /** Assigned when output_item.added is written (reasoning and custom calls are deferred). */
  outputIndex: number;
  itemId: string;
  text: string;
  origin?: TokenOrigin;
  name?: string;
  summaryOpen?: boolean;
}

/**
 * Canonical events → Responses SSE, event for event as OpenAI streams it, so the openai SDK's
 * ResponseStream accumulator (which indexes by output_index/content_index) and Codex both accept it.
 */
export class ResponsesStreamEncoder implements StreamEncoder {
  private readonly ids: ItemIds;
  private readonly custom: Set<string>;
  private readonly open = new Map<string, OpenItem>();
  private readonly output: Array<Record<string, unknown> | undefined> = [];
  private sequence = 0;
  private nextIndex = 0;
  private started = false;
  private closed = false;
  private id: string;
  private created = Math.floor(Date.now() / 1000);
  private usage: Partial<Usage> | undefined;

  constructor(private readonly ctx: EncodeContext) {
    this.ids = new ItemIds(ctx.requestId);
    this.custom = new Set(ctx.customTools ?? []);
    this.id = responseId(undefined, ctx.requestId);
  }

  /** The protocol's dispatch table: one line per event kind, the work in the methods below. */
  push(event: StreamEvent): string {
    if (this.closed) return '';
    switch (event.type) {
      case 'start':
        if (event.usage) this.usage = { ...this.usage, ...event.usage };
        return this.start(event.id, event.created);
      case 'text-start':
        return this.textStart(event.id);
      case 'text-delta':
        return this.textDelta(event.id, event.text);
      case 'text-end':
        return this.closeBlock(`text:${event.id}`);
      case 'reasoning-start':
        this.reasoningStart(event);
        return this.start();
      case 'reasoning-delta':
        return this.reasoningDelta(event.id, event.text);
      case 'reasoning-end':
        return this.closeBlock(`reasoning:${event.id}`, event);
      case 'tool-call-start':
        return this.toolCallStart(event);
      case 'tool-call-delta':
        return this.toolCallDelta(event.id, event.argumentsDelta);
      case 'tool-call-end':
        return this.closeBlock(event.id);
      case 'usage':
        this.usage = { ...this.usage, ...event.usage };
        return '';
      case 'finish':
        return this.complete(event.reason, event.usage);
      case 'error':
        return this.failure(event.error);
    }
  }

  end(): string {
    if (this.closed) return '';
    // The canonical stream stopped without a finish: still hand the client a terminal event.
    return this.complete(undefined, undefined);
  }

  private emit(type: string, payload: Record<string, unknown>): string {
    return formatSse(JSON.stringify({ type, ...payload, sequence_number: this.sequence++ }), type);
  }

  private envelope(
    status: string,
    extra: { usage?: unknown; incompleteDetails?: unknown; error?: unknown } = {},
  ) {
    return responseEnvelope({
      id: this.id,
      created: this.created,
      model: this.ctx.model,
      status,
      output: this.output.filter((o): o is Record<string, unknown> => !!o),
      usage: extra.usage ?? null,
      incompleteDetails: extra.incompleteDetails,
      error: extra.error,
    });
  }

  private start(upstreamId?: string, upstreamCreated?: number): string {
    if (this.started) return '';
    this.started = true;
    this.id = responseId(upstreamId, this.ctx.requestId);
    if (upstreamCreated) this.created = upstreamCreated;
    return (
      this.emit('response.created', { response: this.envelope('in_progress') }) +
      this.emit('response.in_progress', { response: this.envelope('in_progress') })
    );
  }

  private addItem(item: OpenItem, body: Record<string, unknown>): string {
    item.outputIndex = this.nextIndex++;
    this.output[item.outputIndex] = undefined;
    return this.emit('response.output_item.added', { output_index: item.outputIndex, item: body });
  }

  private doneItem(item: OpenItem, body: Record<string, unknown>): string {
    this.output[item.outputIndex] = body;
    return this.emit('response.output_item.done', { output_index: item.outputIndex, item: body });
  }

  private textStart(id: string): string {
    const item: OpenItem = { kind: 'message', outputIndex: -1, itemId: this.ids.next('msg'), text: '' };
    this.open.set(`text:${id}`, item);
    let out =
      this.start() +
      this.addItem(item, {
        id: item.itemId,
        type: 'message',
        status: 'in_progress',
        role: 'assistant',
        content: [],
      });
    out += this.emit('response.content_part.added', {
      item_id: item.itemId,
      output_index: item.outputIndex,
      content_index: 0,
      part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
    });
    return out;
  }

  private textDelta(id: string, text: string): string {
    let out = '';
    if (!this.open.has(`text:${id}`)) out += this.textStart(id);
    const item = this.open.get(`text:${id}`)!;
    item.text += text;
    return (
      out +
      this.emit('response.output_text.delta', {
        item_id: item.itemId,
        output_index: item.outputIndex,
        content_index: 0,
        delta: text,
        logprobs: [],
      })
    );
  }

  private reasoningStart(event: Extract<StreamEvent, { type: 'reasoning-start' }>): void {
    const itemId = event.origin === 'openai-responses' && event.itemId ? event.itemId : this.ids.next('rs');
    const item: OpenItem = { kind: 'reasoning', outputIndex: -1, itemId, text: '' };
    if (event.origin) item.origin = event.origin;
    this.open.set(`reasoning:${event.id}`, item);
  }

  private reasoningDelta(id: string, text: string): string {
    let out = '';
    if (!this.open.has(`reasoning:${id}`)) {
      this.reasoningStart({ type: 'reasoning-start', id });
      out += this.start();
    }
    const item = this.open.get(`reasoning:${id}`)!;
    if (!text) return out;
    if (!item.summaryOpen) out += this.reasoningAdded(item);
    item.text += text;
    return (
      out +
      this.emit('response.reasoning_summary_text.delta', {
        item_id: item.itemId,
        output_index: item.outputIndex,
        summary_index: 0,
        delta: text,
      })
    );
  }

  private reasoningAdded(item: OpenItem): string {
    let out = this.addItem(item, { id: item.itemId, type: 'reasoning', summary: [] });
    out += this.emit('response.reasoning_summary_part.added', {
      item_id: item.itemId,
      output_index: item.outputIndex,
      summary_index: 0,
      part: { type: 'summary_text', text: '' },
    });
    item.summaryOpen = true;
    return out;
  }

  private toolCallStart(event: Extract<StreamEvent, { type: 'tool-call-start' }>): string {
    const isCustom = this.custom.has(event.name);
    const itemId =
      event.origin === 'openai-responses' && event.itemId
        ? event.itemId
        : this.ids.next(isCustom ? 'ctc' : 'fc');
    const item: OpenItem = {
      kind: isCustom ? 'custom_tool_call' : 'function_call',
      outputIndex: -1,
      itemId,
      text: '',
      name: event.name,
    };
    this.open.set(event.id, item);
    let out = this.start();
    if (!isCustom) {
      out += this.addItem(item, {
        id: itemId,
        type: 'function_call',
        status: 'in_progress',
        arguments: '',
        call_id: event.id,
        name: event.name,
      });
    }
    return out;
  }

  private toolCallDelta(id: string, argumentsDelta: string): string {
    const item = this.open.get(id);
    if (!item || !argumentsDelta) return '';
    item.text += argumentsDelta;
    if (item.kind !== 'function_call') return '';
    return this.emit('response.function_call_arguments.delta', {
      item_id: item.itemId,
      output_index: item.outputIndex,
      delta: argumentsDelta,
    });
  }

  private closeBlock(key: string, end?: Extract<StreamEvent, { type: 'reasoning-end' }>): string {
    const item = this.open.get(key);
    if (!item) return '';
    this.open.delete(key);
    switch (item.kind) {
      case 'message':
        return this.closeMessage(item);
      case 'reasoning':
        return this.closeReasoning(item, end);
      case 'function_call':
        return this.closeFunctionCall(key, item);
      case 'custom_tool_call':
        return this.closeCustomToolCall(key, item);
    }
  }

  private closeMessage(item: OpenItem): string {
    const base = { item_id: item.itemId, output_index: item.outputIndex, content_index: 0 };
    const part = { type: 'output_text', annotations: [], logprobs: [], text: item.text };
    let out = this.emit('response.output_text.done', { ...base, text: item.text, logprobs: [] });
    out += this.emit('response.content_part.done', { ...base, part });
    out += this.doneItem(item, messageItem(item.itemId, item.text));
    return out;
  }

  private closeReasoning(item: OpenItem, end?: Extract<StreamEvent, { type: 'reasoning-end' }>): string {
    const origin = end?.origin ?? item.origin;
    const encrypted = origin === 'openai-responses' ? end?.encryptedContent : undefined;
    // Nothing to show and no OpenAI token to hand back: an empty item would only be noise
    // the client has to echo (e.g. a bare Gemini thought signature).
    if (!item.summaryOpen && !encrypted) return '';
    let out = '';
    if (!item.summaryOpen) out += this.addItem(item, { id: item.itemId, type: 'reasoning', summary: [] });
    const summary = item.text ? [{ type: 'summary_text', text: item.text }] : [];
    if (item.summaryOpen) {
      const base = { item_id: item.itemId, output_index: item.outputIndex, summary_index: 0 };
      out += this.emit('response.reasoning_summary_text.done', { ...base, text: item.text });
      out += this.emit('response.reasoning_summary_part.done', {
        ...base,
        part: { type: 'summary_text', text: item.text },
      });
    }
    const body: Record<string, unknown> = { id: item.itemId, type: 'reasoning', summary };
    if (encrypted) body.encrypted_content = encrypted;
    out += this.doneItem(item, body);
    return out;
  }

  private closeFunctionCall(callId: string, item: OpenItem): string {
    const out = this.emit('response.function_call_arguments.done', {
      item_id: item.itemId,
      output_index: item.outputIndex,
      name: item.name,
      arguments: item.text,
    });
    return (
      out +
      this.doneItem(
        item,
        encodeToolCallItem({ id: callId, name: item.name ?? '', arguments: item.text }, item.itemId, false),
      )
    );
  }

  private closeCustomToolCall(callId: string, item: OpenItem): string {
    // Freeform input only exists once the JSON wrapper is complete, so it is sent in one piece.
    const input = customInputFromArguments(item.text);
    let out = this.addItem(item, {
      id: item.itemId,
      type: 'custom_tool_call',
      status: 'in_progress',
      call_id: callId,
      name: item.name,
      input: '',
    });
    const base = { item_id: item.itemId, output_index: item.outputIndex };
    if (input) out += this.emit('response.custom_tool_call_input.delta', { ...base, delta: input });
    out += this.emit('response.custom_tool_call_input.done', { ...base, input });
    out += this.doneItem(
      item,
      encodeToolCallItem({ id: callId, name: item.name ?? '', arguments: item.text }, item.itemId, true),
    );
    return out;
  }

  private closeAll(): string {
    let out = '';
    for (const key of [...this.open.keys()]) out += this.closeBlock(key);
    return out;
  }

  private complete(reason: FinishReason | undefined, finalUsage: Partial<Usage> | undefined): string {
    let out = this.start() + this.closeAll();
    const { status, incomplete_details } = encodeStatus(reason);
    const usageBody = encodeUsage(finalUsage ?? this.usage);
    if (status === 'failed') {
      out += this.failure({
        status: 500,
        kind: 'upstream',
        message: 'The upstream model failed to finish the response.',
      });
      return out;
    }
    const type = status === 'incomplete' ? 'response.incomplete' : 'response.completed';
    out += this.emit(type, {
      response: this.envelope(status, { usage: usageBody, incompleteDetails: incomplete_details }),
    });
    this.closed = true;
    return out;
  }

  private failure(error: GatewayErrorInfo): string {
    const { responseError, errorEvent } = responsesFailure(error);
    let out = this.start() + this.closeAll();
    out += this.emit('response.failed', {
      response: this.envelope('failed', {
        usage: this.usage ? encodeUsage(this.usage) : null,
        error: responseError,
      }),
    });
    out += this.emit('error', errorEvent);
    this.closed = true;
    return out;
  }
}
