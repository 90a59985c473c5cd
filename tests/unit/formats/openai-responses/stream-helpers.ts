// Shared by the openai-responses and gemini codec tests: drive codecs and read their output.
import type { FinishReason, StreamEvent, Usage } from '../../../../core/formats/canonical.js';
import type { SseMessage, StreamDecoder, StreamEncoder } from '../../../../core/formats/codec.js';
import { createSseParser } from '../../../../core/util/sse.js';

export function decodeAll(decoder: StreamDecoder, messages: SseMessage[]): StreamEvent[] {
  const events: StreamEvent[] = [];
  for (const m of messages) events.push(...decoder.push(m));
  events.push(...decoder.end());
  return events;
}

export function encodeAll(encoder: StreamEncoder, events: StreamEvent[]): string {
  let out = '';
  for (const e of events) out += encoder.push(e);
  return out + encoder.end();
}

export function parseSse(text: string): SseMessage[] {
  const out: SseMessage[] = [];
  const parser = createSseParser((m) => out.push(m));
  parser.feed(text);
  return out;
}

export interface Collected {
  text: string;
  reasoning: string;
  toolCalls: Array<{
    id: string;
    name: string;
    arguments: string;
    thoughtSignature?: string;
    itemId?: string;
  }>;
  reasoningEnds: Array<Extract<StreamEvent, { type: 'reasoning-end' }>>;
  usage?: Partial<Usage>;
  finish?: Extract<StreamEvent, { type: 'finish' }>;
  finishReason?: FinishReason;
  errors: Array<Extract<StreamEvent, { type: 'error' }>>;
}

/** Folds events the way a consumer would, checking the block protocol on the way. */
export function collect(events: StreamEvent[]): Collected {
  const out: Collected = { text: '', reasoning: '', toolCalls: [], reasoningEnds: [], errors: [] };
  const open = new Set<string>();
  const calls = new Map<string, Collected['toolCalls'][number]>();
  events.forEach((e, i) => {
    if (i === 0 && e.type !== 'start') throw new Error(`first event is ${e.type}, not start`);
    if (out.finish) throw new Error(`event ${e.type} after finish`);
    switch (e.type) {
      case 'text-start':
      case 'reasoning-start':
        open.add(`${e.type.split('-')[0]}:${e.id}`);
        break;
      case 'text-delta':
        if (!open.has(`text:${e.id}`)) throw new Error('text-delta outside a text block');
        out.text += e.text;
        break;
      case 'text-end':
        open.delete(`text:${e.id}`);
        break;
      case 'reasoning-delta':
        if (!open.has(`reasoning:${e.id}`)) throw new Error('reasoning-delta outside a reasoning block');
        out.reasoning += e.text;
        break;
      case 'reasoning-end':
        open.delete(`reasoning:${e.id}`);
        out.reasoningEnds.push(e);
        break;
      case 'tool-call-start': {
        const call: Collected['toolCalls'][number] = { id: e.id, name: e.name, arguments: '' };
        if (e.itemId) call.itemId = e.itemId;
        calls.set(e.id, call);
        out.toolCalls.push(call);
        open.add(`tool:${e.id}`);
        break;
      }
      case 'tool-call-delta':
        if (!open.has(`tool:${e.id}`)) throw new Error('tool-call-delta outside a tool call');
        calls.get(e.id)!.arguments += e.argumentsDelta;
        break;
      case 'tool-call-end':
        open.delete(`tool:${e.id}`);
        if (e.thoughtSignature) calls.get(e.id)!.thoughtSignature = e.thoughtSignature;
        break;
      case 'usage':
        out.usage = { ...out.usage, ...e.usage };
        break;
      case 'finish':
        if (open.size) throw new Error(`finish with open blocks: ${[...open].join(', ')}`);
        out.finish = e;
        out.finishReason = e.reason;
        break;
      case 'error':
        out.errors.push(e);
        break;
    }
  });
  return out;
}
