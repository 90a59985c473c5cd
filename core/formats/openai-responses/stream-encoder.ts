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
export function createResponsesStreamEncoder(ctx: EncodeContext): StreamEncoder {
  const ids = new ItemIds(ctx.requestId);
  const custom = new Set(ctx.customTools ?? []);
  const open = new Map<string, OpenItem>();
  const output: Array<Record<string, unknown> | undefined> = [];
  let sequence = 0;
  let nextIndex = 0;
  let started = false;
  let closed = false;
  let id = responseId(undefined, ctx.requestId);
  let created = Math.floor(Date.now() / 1000);
  let usage: Partial<Usage> | undefined;

  function emit(type: string, payload: Record<string, unknown>): string {
    return formatSse(JSON.stringify({ type, ...payload, sequence_number: sequence++ }), type);
  }

  function envelope(
    status: string,
    extra: { usage?: unknown; incompleteDetails?: unknown; error?: unknown } = {},
  ) {
    return responseEnvelope({
      id,
      created,
      model: ctx.model,
      status,
      output: output.filter((o): o is Record<string, unknown> => !!o),
      usage: extra.usage ?? null,
      incompleteDetails: extra.incompleteDetails,
      error: extra.error,
    });
  }

  function start(upstreamId?: string, upstreamCreated?: number): string {
    if (started) return '';
    started = true;
    id = responseId(upstreamId, ctx.requestId);
    if (upstreamCreated) created = upstreamCreated;
    return (
      emit('response.created', { response: envelope('in_progress') }) +
      emit('response.in_progress', { response: envelope('in_progress') })
    );
  }

  function addItem(item: OpenItem, body: Record<string, unknown>): string {
    item.outputIndex = nextIndex++;
    output[item.outputIndex] = undefined;
    return emit('response.output_item.added', { output_index: item.outputIndex, item: body });
  }

  function doneItem(item: OpenItem, body: Record<string, unknown>): string {
    output[item.outputIndex] = body;
    return emit('response.output_item.done', { output_index: item.outputIndex, item: body });
  }

  function reasoningAdded(item: OpenItem): string {
    let out = addItem(item, { id: item.itemId, type: 'reasoning', summary: [] });
    out += emit('response.reasoning_summary_part.added', {
      item_id: item.itemId,
      output_index: item.outputIndex,
      summary_index: 0,
      part: { type: 'summary_text', text: '' },
    });
    item.summaryOpen = true;
    return out;
  }

  function closeBlock(key: string, end?: Extract<StreamEvent, { type: 'reasoning-end' }>): string {
    const item = open.get(key);
    if (!item) return '';
    open.delete(key);
    let out = '';
    switch (item.kind) {
      case 'message': {
        const base = { item_id: item.itemId, output_index: item.outputIndex, content_index: 0 };
        const part = { type: 'output_text', annotations: [], logprobs: [], text: item.text };
        out += emit('response.output_text.done', { ...base, text: item.text, logprobs: [] });
        out += emit('response.content_part.done', { ...base, part });
        out += doneItem(item, messageItem(item.itemId, item.text));
        return out;
      }
      case 'reasoning': {
        const origin = end?.origin ?? item.origin;
        const encrypted = origin === 'openai-responses' ? end?.encryptedContent : undefined;
        // Nothing to show and no OpenAI token to hand back: an empty item would only be noise
        // the client has to echo (e.g. a bare Gemini thought signature).
        if (!item.summaryOpen && !encrypted) return '';
        if (!item.summaryOpen) out += addItem(item, { id: item.itemId, type: 'reasoning', summary: [] });
        const summary = item.text ? [{ type: 'summary_text', text: item.text }] : [];
        if (item.summaryOpen) {
          const base = { item_id: item.itemId, output_index: item.outputIndex, summary_index: 0 };
          out += emit('response.reasoning_summary_text.done', { ...base, text: item.text });
          out += emit('response.reasoning_summary_part.done', {
            ...base,
            part: { type: 'summary_text', text: item.text },
          });
        }
        const body: Record<string, unknown> = { id: item.itemId, type: 'reasoning', summary };
        if (encrypted) body.encrypted_content = encrypted;
        out += doneItem(item, body);
        return out;
      }
      case 'function_call': {
        out += emit('response.function_call_arguments.done', {
          item_id: item.itemId,
          output_index: item.outputIndex,
          name: item.name,
          arguments: item.text,
        });
        out += doneItem(
          item,
          encodeToolCallItem({ id: key, name: item.name ?? '', arguments: item.text }, item.itemId, false),
        );
        return out;
      }
      case 'custom_tool_call': {
        // Freeform input only exists once the JSON wrapper is complete, so it is sent in one piece.
        const input = customInputFromArguments(item.text);
        out += addItem(item, {
          id: item.itemId,
          type: 'custom_tool_call',
          status: 'in_progress',
          call_id: key,
          name: item.name,
          input: '',
        });
        const base = { item_id: item.itemId, output_index: item.outputIndex };
        if (input) out += emit('response.custom_tool_call_input.delta', { ...base, delta: input });
        out += emit('response.custom_tool_call_input.done', { ...base, input });
        out += doneItem(
          item,
          encodeToolCallItem({ id: key, name: item.name ?? '', arguments: item.text }, item.itemId, true),
        );
        return out;
      }
    }
  }

  function closeAll(): string {
    let out = '';
    for (const key of [...open.keys()]) out += closeBlock(key);
    return out;
  }

  function complete(reason: FinishReason | undefined, finalUsage: Partial<Usage> | undefined): string {
    let out = start() + closeAll();
    const { status, incomplete_details } = encodeStatus(reason);
    const usageBody = encodeUsage(finalUsage ?? usage);
    if (status === 'failed') {
      out += failure({
        status: 500,
        kind: 'upstream',
        message: 'The upstream model failed to finish the response.',
      });
      return out;
    }
    const type = status === 'incomplete' ? 'response.incomplete' : 'response.completed';
    out += emit(type, {
      response: envelope(status, { usage: usageBody, incompleteDetails: incomplete_details }),
    });
    closed = true;
    return out;
  }

  function failure(error: GatewayErrorInfo): string {
    const { responseError, errorEvent } = responsesFailure(error);
    let out = start() + closeAll();
    out += emit('response.failed', {
      response: envelope('failed', { usage: usage ? encodeUsage(usage) : null, error: responseError }),
    });
    out += emit('error', errorEvent);
    closed = true;
    return out;
  }

  const encoder: StreamEncoder = {
    push(event: StreamEvent): string {
      if (closed) return '';
      switch (event.type) {
        case 'start':
          if (event.usage) usage = { ...usage, ...event.usage };
          return start(event.id, event.created);
        case 'text-start': {
          const item: OpenItem = { kind: 'message', outputIndex: -1, itemId: ids.next('msg'), text: '' };
          open.set(`text:${event.id}`, item);
          let out =
            start() +
            addItem(item, {
              id: item.itemId,
              type: 'message',
              status: 'in_progress',
              role: 'assistant',
              content: [],
            });
          out += emit('response.content_part.added', {
            item_id: item.itemId,
            output_index: item.outputIndex,
            content_index: 0,
            part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
          });
          return out;
        }
        case 'text-delta': {
          let out = '';
          if (!open.has(`text:${event.id}`)) out += encoder.push({ type: 'text-start', id: event.id });
          const item = open.get(`text:${event.id}`)!;
          item.text += event.text;
          return (
            out +
            emit('response.output_text.delta', {
              item_id: item.itemId,
              output_index: item.outputIndex,
              content_index: 0,
              delta: event.text,
              logprobs: [],
            })
          );
        }
        case 'text-end':
          return closeBlock(`text:${event.id}`);
        case 'reasoning-start': {
          const itemId = event.origin === 'openai-responses' && event.itemId ? event.itemId : ids.next('rs');
          const item: OpenItem = { kind: 'reasoning', outputIndex: -1, itemId, text: '' };
          if (event.origin) item.origin = event.origin;
          open.set(`reasoning:${event.id}`, item);
          return start();
        }
        case 'reasoning-delta': {
          let out = '';
          if (!open.has(`reasoning:${event.id}`))
            out += encoder.push({ type: 'reasoning-start', id: event.id });
          const item = open.get(`reasoning:${event.id}`)!;
          if (!event.text) return out;
          if (!item.summaryOpen) out += reasoningAdded(item);
          item.text += event.text;
          return (
            out +
            emit('response.reasoning_summary_text.delta', {
              item_id: item.itemId,
              output_index: item.outputIndex,
              summary_index: 0,
              delta: event.text,
            })
          );
        }
        case 'reasoning-end':
          return closeBlock(`reasoning:${event.id}`, event);
        case 'tool-call-start': {
          const isCustom = custom.has(event.name);
          const itemId =
            event.origin === 'openai-responses' && event.itemId
              ? event.itemId
              : ids.next(isCustom ? 'ctc' : 'fc');
          const item: OpenItem = {
            kind: isCustom ? 'custom_tool_call' : 'function_call',
            outputIndex: -1,
            itemId,
            text: '',
            name: event.name,
          };
          open.set(event.id, item);
          let out = start();
          if (!isCustom) {
            out += addItem(item, {
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
        case 'tool-call-delta': {
          const item = open.get(event.id);
          if (!item || !event.argumentsDelta) return '';
          item.text += event.argumentsDelta;
          if (item.kind !== 'function_call') return '';
          return emit('response.function_call_arguments.delta', {
            item_id: item.itemId,
            output_index: item.outputIndex,
            delta: event.argumentsDelta,
          });
        }
        case 'tool-call-end':
          return closeBlock(event.id);
        case 'usage':
          usage = { ...usage, ...event.usage };
          return '';
        case 'finish':
          return complete(event.reason, event.usage);
        case 'error':
          return failure(event.error);
      }
    },
    end(): string {
      if (closed) return '';
      // The canonical stream stopped without a finish: still hand the client a terminal event.
      return complete(undefined, undefined);
    },
  };
  return encoder;
}
