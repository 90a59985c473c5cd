import type {
  AssistantPart,
  ImagePart,
  ReasoningPart,
  TextPart,
  ToolCallPart,
  ToolResultPart,
} from '../canonical.js';
import { isGeneratedCallId } from './ids.js';

/** One Gemini `Part`, as far as the codec reads it. */
export interface GeminiPart {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  inlineData?: { mimeType?: string; data?: string };
  fileData?: { mimeType?: string; fileUri?: string };
  functionCall?: {
    name?: string;
    args?: Record<string, unknown> | null;
    id?: string;
    partialArgs?: GeminiPartialArg[];
    willContinue?: boolean;
  };
  functionResponse?: {
    name?: string;
    response?: Record<string, unknown> | null;
    id?: string;
    parts?: GeminiPart[];
  };
  [key: string]: unknown;
}

export interface GeminiPartialArg {
  jsonPath?: string;
  stringValue?: string;
  numberValue?: number;
  boolValue?: boolean;
  nullValue?: string;
  willContinue?: boolean;
}

export interface GeminiContent {
  role?: string;
  parts?: GeminiPart[];
}

/**
 * Google documents this value for a functionCall whose real signature is unknown (history that
 * came from another model): it turns signature validation off for that call.
 * https://ai.google.dev/gemini-api/docs/thought-signatures
 */
export const SKIP_SIGNATURE_SENTINEL = 'skip_thought_signature_validator';

/** Model-turn parts → canonical. `callId(i)` mints an id for the i-th part when Gemini gave none. */
export function decodeModelParts(parts: GeminiPart[], callId: (index: number) => string): AssistantPart[] {
  const out: AssistantPart[] = [];
  parts.forEach((part, index) => {
    const signature = part.thoughtSignature;
    if (part.functionCall) {
      const call: ToolCallPart = {
        type: 'tool-call',
        id: part.functionCall.id || callId(index),
        name: part.functionCall.name ?? '',
        arguments: JSON.stringify(part.functionCall.args ?? {}),
        origin: 'gemini',
      };
      if (signature) call.thoughtSignature = signature;
      out.push(call);
      return;
    }
    if (typeof part.text === 'string') {
      if (part.thought) {
        const reasoning: ReasoningPart = { type: 'reasoning', text: part.text, origin: 'gemini' };
        if (signature) reasoning.thoughtSignature = signature;
        out.push(reasoning);
        return;
      }
      if (part.text) out.push({ type: 'text', text: part.text });
      // A signature on an answer part (or on the empty closing part Gemini streams) belongs to
      // the model's hidden thinking: it travels as a reasoning part with no text, right after
      // the text it came with, and goes back to Gemini as `{text: "", thoughtSignature}`.
      if (signature) out.push({ type: 'reasoning', text: '', thoughtSignature: signature, origin: 'gemini' });
      return;
    }
    if (part.inlineData || part.fileData) {
      // Images the model generated: the canonical assistant turn has no slot for them.
      return;
    }
  });
  return out;
}

export function parseArgs(args: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(args || '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {}
  // Gemini only takes an object; a model elsewhere that produced broken JSON gets its text kept.
  return args ? { arguments: args } : {};
}

/** Gemini accepts only ids it issued itself; ids from other formats or minted here stay home. */
export function sendableCallId(call: Pick<ToolCallPart, 'id' | 'origin'>): string | undefined {
  return call.origin === 'gemini' && call.id && !isGeneratedCallId(call.id) ? call.id : undefined;
}

export function encodeFunctionCall(call: ToolCallPart, withSignature: boolean): GeminiPart {
  const functionCall: NonNullable<GeminiPart['functionCall']> = {
    name: call.name,
    args: parseArgs(call.arguments),
  };
  const id = sendableCallId(call);
  if (id) functionCall.id = id;
  const part: GeminiPart = { functionCall };
  if (withSignature && call.origin === 'gemini' && call.thoughtSignature)
    part.thoughtSignature = call.thoughtSignature;
  return part;
}

/**
 * Canonical assistant parts → model parts. `forUpstream`: the parts go back to Gemini as
 * history, so reasoning from other providers is left out; otherwise they are shown to a
 * Gemini client, which may see any provider's reasoning as thought text.
 */
export function encodeModelParts(parts: AssistantPart[], forUpstream: boolean): GeminiPart[] {
  const out: GeminiPart[] = [];
  for (const part of parts) {
    if (part.type === 'text') {
      out.push({ text: part.text });
    } else if (part.type === 'reasoning') {
      const signature = part.origin === 'gemini' ? part.thoughtSignature : undefined;
      if (part.text && (part.origin === 'gemini' || !forUpstream)) {
        const p: GeminiPart = { text: part.text, thought: true };
        if (signature) p.thoughtSignature = signature;
        out.push(p);
      } else if (!part.text && signature) {
        out.push({ text: '', thoughtSignature: signature });
      }
    } else {
      out.push(encodeFunctionCall(part, true));
    }
  }
  return out;
}

/**
 * Gemini 3 rejects a model turn whose function calls lack a signature. Only the first call of a
 * parallel batch carries one; when none of the turn's calls has a Gemini signature (the history
 * came from another model), the first call gets Google's documented sentinel. Nothing else is
 * ever invented.
 */
export function applySignaturePolicy(parts: GeminiPart[]): void {
  const calls = parts.filter((p) => p.functionCall);
  const first = calls[0];
  if (!first) return;
  if (calls.some((p) => p.thoughtSignature)) return;
  first.thoughtSignature = SKIP_SIGNATURE_SENTINEL;
}

// ---------------------------------------------------------------------------------------------
// User-side parts
// ---------------------------------------------------------------------------------------------

const EXTENSION_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
  pdf: 'application/pdf',
};

function guessMimeType(url: string): string {
  const ext = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(url)?.[1]?.toLowerCase();
  return (ext && EXTENSION_TYPES[ext]) ?? 'image/jpeg';
}

export function encodeImage(part: ImagePart): GeminiPart {
  if (part.source.kind === 'base64')
    return { inlineData: { mimeType: part.source.mediaType, data: part.source.data } };
  const data = /^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$/s.exec(part.source.url);
  if (data) return { inlineData: { mimeType: data[1] ?? 'application/octet-stream', data: data[2] ?? '' } };
  return { fileData: { mimeType: guessMimeType(part.source.url), fileUri: part.source.url } };
}

export function decodeMediaPart(part: GeminiPart): ImagePart | undefined {
  if (part.inlineData?.data !== undefined) {
    return {
      type: 'image',
      source: {
        kind: 'base64',
        mediaType: part.inlineData.mimeType ?? 'application/octet-stream',
        data: part.inlineData.data,
      },
    };
  }
  if (part.fileData?.fileUri) return { type: 'image', source: { kind: 'url', url: part.fileData.fileUri } };
  return undefined;
}

/** `functionResponse.response` is any object; plain `{result: "…"}`-style answers become text. */
export function decodeFunctionResponse(
  fr: NonNullable<GeminiPart['functionResponse']>,
  toolCallId: string,
): ToolResultPart {
  const response = fr.response ?? {};
  const keys = Object.keys(response);
  const only = keys.length === 1 ? keys[0] : undefined;
  const value = only !== undefined ? response[only] : undefined;
  const content: Array<TextPart | ImagePart> = [];
  let isError = false;
  if (typeof value === 'string' && (only === 'result' || only === 'output' || only === 'content')) {
    content.push({ type: 'text', text: value });
  } else if (typeof value === 'string' && only === 'error') {
    content.push({ type: 'text', text: value });
    isError = true;
  } else {
    content.push({ type: 'text', text: JSON.stringify(response) });
  }
  for (const p of fr.parts ?? []) {
    const media = decodeMediaPart(p);
    if (media) content.push(media);
  }
  const out: ToolResultPart = { type: 'tool-result', toolCallId, content };
  if (fr.name) out.name = fr.name;
  if (isError) out.isError = true;
  return out;
}

/**
 * Tool result → functionResponse. Text that is a JSON object is sent as that object (Gemini
 * reads structured results best, and `decodeFunctionResponse` turns it back into the same text);
 * other text goes under `result`, or `error` when the result is an error.
 */
export function encodeFunctionResponse(
  part: ToolResultPart,
  name: string,
  id: string | undefined,
): GeminiPart {
  const text = part.content
    .filter((c): c is TextPart => c.type === 'text')
    .map((c) => c.text)
    .join('');
  let response: Record<string, unknown> | undefined;
  if (!part.isError) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        response = parsed as Record<string, unknown>;
    } catch {}
  }
  response ??= part.isError ? { error: text } : { result: text };
  const functionResponse: NonNullable<GeminiPart['functionResponse']> = { name, response };
  if (id) functionResponse.id = id;
  const media = part.content.filter((c): c is ImagePart => c.type === 'image').map(encodeImage);
  // Gemini 3 takes images returned by a tool inside the functionResponse itself.
  if (media.length) functionResponse.parts = media;
  return { functionResponse };
}
