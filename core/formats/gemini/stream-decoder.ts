import type { StreamEvent, Usage } from '../canonical.js';
import type { SseMessage, StreamDecoder } from '../codec.js';
import { parseEventData } from '../json.js';
import { decodeGeminiError } from './errors.js';
import { decodeFinishReason } from './finish-reason.js';
import { generatedCallId, stemOf } from './ids.js';
import type { GeminiPart, GeminiPartialArg } from './parts.js';
import { createdFrom, type GeminiResponseBody } from './response.js';
import { decodeUsage } from './usage.js';

interface CallState {
  id: string;
  thoughtSignature?: string;
  /** Vertex streamed arguments: rebuilt from partialArgs, sent as one delta when complete. */
  partial?: { value: Record<string, unknown>; flushed: boolean };
}

type PathSegment = string | number;

/** RFC 9535 subset Vertex uses: `$.a.b[0].c`, `$['a']`. */
export function parseJsonPath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  const re = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/g;
  let m: RegExpExecArray | null;
  const body = path.startsWith('$') ? path.slice(1) : path;
  while ((m = re.exec(body))) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push((m[3] ?? m[4] ?? '').replace(/\\(.)/g, '$1'));
  }
  return out;
}

/**
 * Path segments an upstream must never name: writing through them would change every object
 * in the process (prototype pollution), not the call's arguments.
 */
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);
/** Arrays are filled densely when serialised: a far index would make a huge string of nulls. */
const MAX_ARRAY_INDEX = 10_000;

function segmentAllowed(node: unknown, key: PathSegment): boolean {
  if (typeof key === 'number') return Array.isArray(node) ? key <= MAX_ARRAY_INDEX : true;
  // A named key on an array (`length`, …) is never an argument.
  return !Array.isArray(node) && !FORBIDDEN_SEGMENTS.has(key);
}

/**
 * Applies one partialArg: strings arrive in pieces and are appended; other scalars are set.
 * The path comes from the upstream, so it is untrusted: a step that is not a plain key of a
 * prototype-less object or a bounded array index ignores the whole argument.
 */
export function applyPartialArg(target: Record<string, unknown>, arg: GeminiPartialArg): void {
  const path = parseJsonPath(typeof arg.jsonPath === 'string' ? arg.jsonPath : '$');
  if (!path.length) return;
  let node: any = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    if (!segmentAllowed(node, key)) return;
    const nextIsIndex = typeof path[i + 1] === 'number';
    const child = Object.hasOwn(node, key) ? node[key] : undefined;
    if (child === undefined || child === null || typeof child !== 'object') {
      node[key] = nextIsIndex ? [] : Object.create(null);
    }
    node = node[key];
  }
  const last = path[path.length - 1]!;
  if (!segmentAllowed(node, last)) return;
  const current = Object.hasOwn(node, last) ? node[last] : undefined;
  if (typeof arg.stringValue === 'string') {
    node[last] = (typeof current === 'string' ? current : '') + arg.stringValue;
  } else if (typeof arg.numberValue === 'number') node[last] = arg.numberValue;
  else if (typeof arg.boolValue === 'boolean') node[last] = arg.boolValue;
  else if (arg.nullValue !== undefined) node[last] = null;
}

/**
 * Gemini SSE → canonical events. Every chunk is a full GenerateContentResponse slice; usage
 * repeats running totals, so usage events replace. Tool calls end only when the stream does.
 */
export class GeminiStreamDecoder implements StreamDecoder {
  private started = false;
  private finished = false;
  private failed = false;
  private stem = '';
  private block = 0;
  private text: string | undefined;
  private reasoning: string | undefined;
  private readonly calls: CallState[] = [];
  private partialCall: CallState | undefined;
  private finishReason: string | undefined;
  private blocked = false;
  private usage: Usage | undefined;
  private lastUsageKey = '';

  push(message: SseMessage): StreamEvent[] {
    const out: StreamEvent[] = [];
    if (this.finished || this.failed) return out;
    const data = parseEventData(message.data);
    if (data === undefined) return out;
    if (data.error) {
      this.error(out, data);
      return out;
    }
    const chunk = data as GeminiResponseBody;
    if (!this.started) this.start(out, chunk);
    const candidate = chunk.candidates?.[0];
    for (const part of candidate?.content?.parts ?? []) this.part(out, part);
    if (candidate?.finishReason) this.finishReason = candidate.finishReason;
    else if (!candidate && chunk.promptFeedback?.blockReason) {
      // The prompt itself was refused: there is no candidate, only promptFeedback.
      this.finishReason = chunk.promptFeedback.blockReason;
      this.blocked = true;
    }
    this.usageOf(out, chunk);
    return out;
  }

  end(): StreamEvent[] {
    const out: StreamEvent[] = [];
    if (this.finished || this.failed) return out;
    this.finished = true;
    if (!this.started) out.push({ type: 'start', id: '', model: '', created: Math.floor(Date.now() / 1000) });
    this.closeText(out);
    this.closeReasoning(out);
    this.flushPartial(out);
    for (const call of this.calls) {
      const ev: StreamEvent = { type: 'tool-call-end', id: call.id, origin: 'gemini' };
      if (call.thoughtSignature) ev.thoughtSignature = call.thoughtSignature;
      out.push(ev);
    }
    // No finishReason at all means the upstream hung up mid-answer: not a clean stop.
    const reason = this.blocked
      ? 'content_filter'
      : this.finishReason
        ? decodeFinishReason(this.finishReason, this.calls.length > 0)
        : 'other';
    const ev: StreamEvent = { type: 'finish', reason };
    if (this.finishReason) ev.rawReason = this.finishReason;
    if (this.usage) ev.usage = this.usage;
    out.push(ev);
    return out;
  }

  private error(out: StreamEvent[], data: any): void {
    if (!this.started) {
      this.started = true;
      out.push({ type: 'start', id: '', model: '', created: Math.floor(Date.now() / 1000) });
    }
    const status = typeof data.error.code === 'number' ? data.error.code : 500;
    out.push({ type: 'error', error: decodeGeminiError(status, data) });
    this.failed = true;
  }

  private start(out: StreamEvent[], chunk: GeminiResponseBody): void {
    this.started = true;
    this.stem = stemOf(chunk.responseId);
    out.push({
      type: 'start',
      id: chunk.responseId ?? '',
      model: chunk.modelVersion ?? '',
      created: createdFrom(chunk.createTime),
    });
  }

  private usageOf(out: StreamEvent[], chunk: GeminiResponseBody): void {
    const decoded = decodeUsage(chunk.usageMetadata);
    if (!decoded) return;
    const key = JSON.stringify(decoded);
    if (key === this.lastUsageKey) return;
    this.lastUsageKey = key;
    this.usage = decoded;
    out.push({ type: 'usage', usage: decoded });
  }

  private part(out: StreamEvent[], part: GeminiPart): void {
    if (part.functionCall) this.functionCallPart(out, part.functionCall, part.thoughtSignature);
    else if (typeof part.text !== 'string') return;
    else if (part.thought) this.thoughtPart(out, part.text, part.thoughtSignature);
    else this.textPart(out, part.text, part.thoughtSignature);
  }

  private functionCallPart(
    out: StreamEvent[],
    fc: NonNullable<GeminiPart['functionCall']>,
    signature: string | undefined,
  ): void {
    if (fc.name) {
      this.flushPartial(out);
      this.closeText(out);
      this.closeReasoning(out);
      const call: CallState = { id: fc.id || generatedCallId(this.stem, this.calls.length) };
      if (signature) call.thoughtSignature = signature;
      this.calls.push(call);
      out.push({ type: 'tool-call-start', id: call.id, name: fc.name, origin: 'gemini' });
      if (fc.partialArgs || fc.willContinue) {
        call.partial = { value: Object.create(null) as Record<string, unknown>, flushed: false };
        this.partialCall = call;
        for (const arg of fc.partialArgs ?? []) applyPartialArg(call.partial.value, arg);
      } else {
        out.push({ type: 'tool-call-delta', id: call.id, argumentsDelta: JSON.stringify(fc.args ?? {}) });
      }
      return;
    }
    const partial = this.partialCall;
    if (!partial?.partial) return;
    for (const arg of fc.partialArgs ?? []) applyPartialArg(partial.partial.value, arg);
    if (signature && !partial.thoughtSignature) partial.thoughtSignature = signature;
    // `functionCall: {}` (no args, no willContinue) closes the streamed call.
    if (!fc.partialArgs && !fc.willContinue) this.flushPartial(out);
  }

  private thoughtPart(out: StreamEvent[], text: string, signature: string | undefined): void {
    this.closeText(out);
    if (this.reasoning === undefined) {
      this.reasoning = `reasoning-${this.block++}`;
      out.push({ type: 'reasoning-start', id: this.reasoning, origin: 'gemini' });
    }
    if (text) out.push({ type: 'reasoning-delta', id: this.reasoning, text });
    if (signature) this.closeReasoning(out, signature);
  }

  private textPart(out: StreamEvent[], text: string, signature: string | undefined): void {
    if (text) {
      this.closeReasoning(out);
      if (this.text === undefined) {
        this.text = `text-${this.block++}`;
        out.push({ type: 'text-start', id: this.text });
      }
      out.push({ type: 'text-delta', id: this.text, text });
    }
    if (signature) {
      // Same shape as the non-stream decoder: the signature follows its text as an empty
      // reasoning block, so it returns to Gemini as `{text: "", thoughtSignature}`.
      this.closeText(out);
      const id = `reasoning-${this.block++}`;
      out.push({ type: 'reasoning-start', id, origin: 'gemini' });
      out.push({ type: 'reasoning-end', id, thoughtSignature: signature, origin: 'gemini' });
    }
  }

  private closeText(out: StreamEvent[]): void {
    if (this.text === undefined) return;
    out.push({ type: 'text-end', id: this.text });
    this.text = undefined;
  }

  private closeReasoning(out: StreamEvent[], thoughtSignature?: string): void {
    if (this.reasoning === undefined) return;
    const ev: StreamEvent = { type: 'reasoning-end', id: this.reasoning, origin: 'gemini' };
    if (thoughtSignature) ev.thoughtSignature = thoughtSignature;
    out.push(ev);
    this.reasoning = undefined;
  }

  private flushPartial(out: StreamEvent[]): void {
    const call = this.partialCall;
    if (!call?.partial || call.partial.flushed) return;
    call.partial.flushed = true;
    out.push({ type: 'tool-call-delta', id: call.id, argumentsDelta: JSON.stringify(call.partial.value) });
    this.partialCall = undefined;
  }
}
