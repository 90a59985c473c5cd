// Mistral's reasoning models (magistral, mistral-large with reasoning) send `message.content`
// and `delta.content` as an array of typed chunks instead of a string:
//   [{type:"thinking", thinking:[{type:"text", text}]}, {type:"text", text}]
// Read as a string, that content is nothing at all; read as chunks, it is reasoning then text.
// (Shape: docs.mistral.ai "Reasoning", captured in tests/fixtures/upstream/openai-chat/mistral-*.)

import { isRecord } from '../json.js';

export interface ContentSegment {
  kind: 'text' | 'reasoning';
  text: string;
}

/** Text of a `thinking` chunk: an array of `{type:"text", text}` (Mistral), or a bare string. */
function thinkingText(thinking: unknown): string {
  if (typeof thinking === 'string') return thinking;
  if (!Array.isArray(thinking)) return '';
  let out = '';
  for (const part of thinking) {
    if (typeof part === 'string') out += part;
    else if (isRecord(part) && typeof part.text === 'string') out += part.text;
  }
  return out;
}

/**
 * The segments of a typed content array, in order. Chunk types other than text and thinking
 * (references, images the model cannot produce here) carry nothing a caller can be given.
 */
export function typedContentSegments(content: readonly unknown[]): ContentSegment[] {
  const out: ContentSegment[] = [];
  for (const chunk of content) {
    if (!isRecord(chunk)) continue;
    let seg: ContentSegment | undefined;
    if (chunk.type === 'text' && typeof chunk.text === 'string') seg = { kind: 'text', text: chunk.text };
    else if (chunk.type === 'thinking') seg = { kind: 'reasoning', text: thinkingText(chunk.thinking) };
    if (!seg?.text) continue;
    const last = out.at(-1);
    if (last?.kind === seg.kind) last.text += seg.text;
    else out.push(seg);
  }
  return out;
}
