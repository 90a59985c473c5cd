import type {
  AssistantPart,
  CanonicalMessage,
  CanonicalRequest,
  CanonicalTool,
  HostedTool,
  ImagePart,
  ReasoningConfig,
  ResponseFormat,
  TextPart,
  ToolResultPart,
  UserPart,
} from '../canonical.js';
import type { DecodeContext } from '../codec.js';
import { isRecord } from '../json.js';
import { addDropped, parseAt } from '../validation.js';
import { historyCallId } from './ids.js';
import {
  chatRequestSchema,
  functionToolSchema,
  messageSchema,
  NUMBER_OPTIONS,
  toolCallSchema,
  type OllamaChatRequest,
  type OllamaMessage,
} from './schema.js';

/** Top-level fields that map onto canonical ones; everything else the caller sent is `dropped`. */
const MAPPED_FIELDS = new Set(['model', 'messages', 'tools', 'format', 'options', 'stream', 'think']);
const MAPPED_OPTIONS = new Set<string>(['num_predict', 'stop', ...NUMBER_OPTIONS.map(([option]) => option)]);

/**
 * Ollama images are bare base64 with no media type: it is read off the data's first bytes
 * (the base64 of each format's magic number). PNG when unknown, the common case.
 */
export function imageMediaType(data: string): string {
  if (data.startsWith('/9j/')) return 'image/jpeg';
  if (data.startsWith('R0lGOD')) return 'image/gif';
  if (data.startsWith('UklGR')) return 'image/webp';
  return 'image/png';
}

function image(data: string): ImagePart {
  return { type: 'image', source: { kind: 'base64', mediaType: imageMediaType(data), data } };
}

const text = (t: string | null | undefined): TextPart[] => (t ? [{ type: 'text', text: t }] : []);

function assistantParts(message: OllamaMessage, index: number, path: string): AssistantPart[] {
  const parts: AssistantPart[] = [];
  if (message.thinking) parts.push({ type: 'reasoning', text: message.thinking });
  parts.push(...text(message.content));
  (message.tool_calls ?? []).forEach((raw, k) => {
    const call = parseAt(toolCallSchema, raw, `${path}.tool_calls[${k}]`);
    parts.push({
      type: 'tool-call',
      id: call.id || historyCallId(index, k),
      name: call.function.name,
      arguments: JSON.stringify(call.function.arguments ?? {}),
    });
  });
  return parts;
}

/**
 * Which call a `tool` message answers: its `tool_call_id` when sent, else the first call not yet
 * answered with its `tool_name`, else the first call not yet answered.
 */
function answeredCall(
  message: OllamaMessage,
  open: Array<{ id: string; name: string }>,
): { id: string; name: string } | undefined {
  let at = message.tool_call_id ? open.findIndex((c) => c.id === message.tool_call_id) : -1;
  if (at < 0 && message.tool_name) at = open.findIndex((c) => c.name === message.tool_name);
  if (at < 0 && !message.tool_call_id) at = open.length ? 0 : -1;
  return at < 0 ? undefined : open.splice(at, 1)[0];
}

function toolResult(message: OllamaMessage, index: number, open: Array<{ id: string; name: string }>) {
  const call = answeredCall(message, open);
  const name = message.tool_name || call?.name;
  const result: ToolResultPart = {
    type: 'tool-result',
    toolCallId: call?.id ?? message.tool_call_id ?? historyCallId(index, 0),
    content: [...text(message.content), ...(message.images ?? []).map(image)],
  };
  if (name) result.name = name;
  return result;
}

function decodeMessages(raw: unknown[]): CanonicalMessage[] {
  const out: CanonicalMessage[] = [];
  /** Calls of the history not answered yet, oldest first. */
  const open: Array<{ id: string; name: string }> = [];
  raw.forEach((value, i) => {
    const path = `messages[${i}]`;
    const message = parseAt(messageSchema, value, path);
    switch (message.role) {
      case 'system':
        out.push({ role: 'system', content: text(message.content ?? '') });
        break;
      case 'user': {
        const content: UserPart[] = [...text(message.content), ...(message.images ?? []).map(image)];
        out.push({ role: 'user', content: content.length ? content : [{ type: 'text', text: '' }] });
        break;
      }
      case 'assistant': {
        const content = assistantParts(message, i, path);
        for (const p of content) if (p.type === 'tool-call') open.push({ id: p.id, name: p.name });
        out.push({ role: 'assistant', content });
        break;
      }
      case 'tool':
        out.push({ role: 'tool', content: [toolResult(message, i, open)] });
        break;
    }
  });
  return out;
}

function decodeTool(raw: { type: string }, i: number): CanonicalTool | HostedTool {
  if (raw.type !== 'function') return { type: 'hosted', kind: raw.type, format: 'ollama', raw };
  const { name, description, parameters } = parseAt(functionToolSchema, raw, `tools[${i}]`).function;
  const params = parameters ?? { type: 'object', properties: {} };
  return description
    ? { type: 'function', name, description, parameters: params }
    : { type: 'function', name, parameters: params };
}

function decodeFormat(format: NonNullable<OllamaChatRequest['format']>): ResponseFormat {
  return format === 'json' ? { type: 'json_object' } : { type: 'json_schema', schema: format };
}

function decodeThink(think: NonNullable<OllamaChatRequest['think']>): ReasoningConfig {
  if (typeof think === 'boolean') return { enabled: think };
  return { enabled: true, effort: think };
}

function decodeOptions(
  options: NonNullable<OllamaChatRequest['options']>,
  request: CanonicalRequest,
  dropped: string[],
): void {
  for (const [option, field] of NUMBER_OPTIONS) {
    const value = options[option];
    if (typeof value === 'number') request[field] = value;
  }
  // -1 is Ollama's "no limit": the same as not setting one.
  if (options.num_predict != null && options.num_predict > 0) request.maxTokens = options.num_predict;
  if (options.stop != null) request.stop = typeof options.stop === 'string' ? [options.stop] : options.stop;
  for (const key of Object.keys(options)) if (!MAPPED_OPTIONS.has(key)) addDropped(dropped, `options.${key}`);
}

export function decodeOllamaRequest(body: unknown, ctx?: DecodeContext): CanonicalRequest {
  const input =
    isRecord(body) && ctx?.model && body.model === undefined ? { ...body, model: ctx.model } : body;
  const req = parseAt(chatRequestSchema, input);
  const dropped: string[] = [];
  const request: CanonicalRequest = {
    model: req.model,
    messages: decodeMessages(req.messages),
    stream: req.stream ?? ctx?.stream ?? true,
  };
  if (req.tools?.length) request.tools = req.tools.map(decodeTool);
  if (req.format != null) request.responseFormat = decodeFormat(req.format);
  if (req.options) decodeOptions(req.options, request, dropped);
  if (req.think != null) request.reasoning = decodeThink(req.think);
  for (const key of Object.keys(req)) if (!MAPPED_FIELDS.has(key)) addDropped(dropped, key);
  if (dropped.length) request.dropped = dropped;
  return request;
}
