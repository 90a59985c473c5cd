import type { StreamEvent, Usage } from '../canonical.js';
import type { SseMessage, StreamDecoder } from '../codec.js';
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
export function createGeminiStreamDecoder(): StreamDecoder {
  let started = false;
  let finished = false;
  let failed = false;
  let stem = '';
  let block = 0;
  let text: string | undefined;
  let reasoning: string | undefined;
  const calls: CallState[] = [];
  let partialCall: CallState | undefined;
  let finishReason: string | undefined;
  let blocked = false;
  let usage: Usage | undefined;
  let lastUsageKey = '';

  function closeText(out: StreamEvent[]): void {
    if (text === undefined) return;
    out.push({ type: 'text-end', id: text });
    text = undefined;
  }

  function closeReasoning(out: StreamEvent[], thoughtSignature?: string): void {
    if (reasoning === undefined) return;
    const ev: StreamEvent = { type: 'reasoning-end', id: reasoning, origin: 'gemini' };
    if (thoughtSignature) ev.thoughtSignature = thoughtSignature;
    out.push(ev);
    reasoning = undefined;
  }

  function flushPartial(out: StreamEvent[]): void {
    const call = partialCall;
    if (!call?.partial || call.partial.flushed) return;
    call.partial.flushed = true;
    out.push({ type: 'tool-call-delta', id: call.id, argumentsDelta: JSON.stringify(call.partial.value) });
    partialCall = undefined;
  }

  function handlePart(out: StreamEvent[], part: GeminiPart): void {
    const signature = part.thoughtSignature;
    const fc = part.functionCall;
    if (fc) {
      if (fc.name) {
        flushPartial(out);
        closeText(out);
        closeReasoning(out);
        const call: CallState = { id: fc.id || generatedCallId(stem, calls.length) };
        if (signature) call.thoughtSignature = signature;
        calls.push(call);
        out.push({ type: 'tool-call-start', id: call.id, name: fc.name, origin: 'gemini' });
        if (fc.partialArgs || fc.willContinue) {
          call.partial = { value: Object.create(null) as Record<string, unknown>, flushed: false };
          partialCall = call;
          for (const arg of fc.partialArgs ?? []) applyPartialArg(call.partial.value, arg);
        } else {
          out.push({ type: 'tool-call-delta', id: call.id, argumentsDelta: JSON.stringify(fc.args ?? {}) });
        }
        return;
      }
      if (partialCall?.partial) {
        for (const arg of fc.partialArgs ?? []) applyPartialArg(partialCall.partial.value, arg);
        if (signature && !partialCall.thoughtSignature) partialCall.thoughtSignature = signature;
        // `functionCall: {}` (no args, no willContinue) closes the streamed call.
        if (!fc.partialArgs && !fc.willContinue) flushPartial(out);
      }
      return;
    }
    if (typeof part.text !== 'string') return;
    if (part.thought) {
      closeText(out);
      if (reasoning === undefined) {
        reasoning = `reasoning-${block++}`;
        out.push({ type: 'reasoning-start', id: reasoning, origin: 'gemini' });
      }
      if (part.text) out.push({ type: 'reasoning-delta', id: reasoning, text: part.text });
      if (signature) closeReasoning(out, signature);
      return;
    }
    if (part.text) {
      closeReasoning(out);
      if (text === undefined) {
        text = `text-${block++}`;
        out.push({ type: 'text-start', id: text });
      }
      out.push({ type: 'text-delta', id: text, text: part.text });
    }
    if (signature) {
      // Same shape as the non-stream decoder: the signature follows its text as an empty
      // reasoning block, so it returns to Gemini as `{text: "", thoughtSignature}`.
      closeText(out);
      const id = `reasoning-${block++}`;
      out.push({ type: 'reasoning-start', id, origin: 'gemini' });
      out.push({ type: 'reasoning-end', id, thoughtSignature: signature, origin: 'gemini' });
    }
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
      if (data.error) {
        if (!started) {
          started = true;
          out.push({ type: 'start', id: '', model: '', created: Math.floor(Date.now() / 1000) });
        }
        const status = typeof data.error.code === 'number' ? data.error.code : 500;
        out.push({ type: 'error', error: decodeGeminiError(status, data) });
        failed = true;
        return out;
      }
      const chunk = data as GeminiResponseBody;
      if (!started) {
        started = true;
        stem = stemOf(chunk.responseId);
        out.push({
          type: 'start',
          id: chunk.responseId ?? '',
          model: chunk.modelVersion ?? '',
          created: createdFrom(chunk.createTime),
        });
      }
      const candidate = chunk.candidates?.[0];
      for (const part of candidate?.content?.parts ?? []) handlePart(out, part);
      if (candidate?.finishReason) finishReason = candidate.finishReason;
      else if (!candidate && chunk.promptFeedback?.blockReason) {
        // The prompt itself was refused: there is no candidate, only promptFeedback.
        finishReason = chunk.promptFeedback.blockReason;
        blocked = true;
      }
      const decoded = decodeUsage(chunk.usageMetadata);
      if (decoded) {
        const key = JSON.stringify(decoded);
        if (key !== lastUsageKey) {
          lastUsageKey = key;
          usage = decoded;
          out.push({ type: 'usage', usage: decoded });
        }
      }
      return out;
    },
    end(): StreamEvent[] {
      const out: StreamEvent[] = [];
      if (finished || failed) return out;
      finished = true;
      if (!started) out.push({ type: 'start', id: '', model: '', created: Math.floor(Date.now() / 1000) });
      closeText(out);
      closeReasoning(out);
      flushPartial(out);
      for (const call of calls) {
        const ev: StreamEvent = { type: 'tool-call-end', id: call.id, origin: 'gemini' };
        if (call.thoughtSignature) ev.thoughtSignature = call.thoughtSignature;
        out.push(ev);
      }
      // No finishReason at all means the upstream hung up mid-answer: not a clean stop.
      const reason = blocked
        ? 'content_filter'
        : finishReason
          ? decodeFinishReason(finishReason, calls.length > 0)
          : 'other';
      const ev: StreamEvent = { type: 'finish', reason };
      if (finishReason) ev.rawReason = finishReason;
      if (usage) ev.usage = usage;
      out.push(ev);
      return out;
    },
  };
}
