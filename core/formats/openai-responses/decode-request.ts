import { z } from 'zod';
import {
  invalidRequest,
  type AssistantPart,
  type CanonicalMessage,
  type CanonicalRequest,
  type CanonicalTool,
  type HostedTool,
  type ImagePart,
  type ReasoningConfig,
  type ReasoningEffort,
  type ResponseFormat,
  type TextPart,
  type ToolChoice,
  type ToolResultPart,
  type UserPart,
} from '../canonical.js';
import type { DecodeContext } from '../codec.js';
import { argumentsFromCustomInput, customToolParameters } from './custom-tools.js';
import { decodeReasoningItem } from './response.js';
import { jsonPath, parseOrThrow } from '../validation.js';
import {
  contentPartSchema,
  contentSchema,
  customToolCallItemSchema,
  customToolCallOutputItemSchema,
  customToolSchema,
  filePartSchema,
  functionCallItemSchema,
  functionCallOutputItemSchema,
  functionToolSchema,
  imagePartSchema,
  messageItemSchema,
  reasoningItemSchema,
  refusalPartSchema,
  requestSchema,
  textFormatSchema,
  textPartSchema,
  toolChoiceSchema,
  toolSchema,
} from './schema.js';

/** Fields that are valid Responses but have no canonical slot; kept for passthrough and docs. */
const UNMAPPED_FIELDS = [
  'previous_response_id',
  'store',
  'include',
  'prompt_cache_key',
  'prompt_cache_retention',
  'metadata',
  'service_tier',
  'truncation',
  'background',
  'conversation',
  'max_tool_calls',
  'top_logprobs',
  'safety_identifier',
  'stream_options',
  'prompt',
] as const;

/** `data:image/png;base64,AAAA` → parts; anything else stays a URL. */
function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const m = /^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$/s.exec(url);
  return m ? { mediaType: m[1] ?? 'application/octet-stream', data: m[2] ?? '' } : undefined;
}

function decodeContentPart(
  raw: unknown,
  path: Array<string | number>,
  dropped: string[],
): TextPart | ImagePart | undefined {
  const { type } = parseOrThrow(contentPartSchema, raw, path);
  switch (type) {
    case 'input_text':
    case 'output_text':
    case 'text':
      return {
        type: 'text',
        text: parseOrThrow(textPartSchema.extend({ type: z.string() }), raw, path).text,
      };
    case 'refusal':
      return { type: 'text', text: parseOrThrow(refusalPartSchema, raw, path).refusal };
    case 'input_image': {
      const part = parseOrThrow(imagePartSchema, raw, path);
      if (!part.image_url) {
        // A file_id points into OpenAI's file store: no other upstream can read it.
        dropped.push(`${jsonPath(path)}.file_id`);
        return undefined;
      }
      const data = parseDataUrl(part.image_url);
      const image: ImagePart = {
        type: 'image',
        source: data
          ? { kind: 'base64', mediaType: data.mediaType, data: data.data }
          : { kind: 'url', url: part.image_url },
      };
      if (part.detail) image.detail = part.detail;
      return image;
    }
    case 'input_file': {
      const part = parseOrThrow(filePartSchema, raw, path);
      const data = part.file_data ? parseDataUrl(part.file_data) : undefined;
      if (data)
        return { type: 'image', source: { kind: 'base64', mediaType: data.mediaType, data: data.data } };
      if (part.file_url) return { type: 'image', source: { kind: 'url', url: part.file_url } };
      dropped.push(`${jsonPath(path)}.file_id`);
      return undefined;
    }
    default:
      dropped.push(`${jsonPath(path)}:${type}`);
      return undefined;
  }
}

function decodeContent(
  content: z.infer<typeof contentSchema>,
  path: Array<string | number>,
  dropped: string[],
): Array<TextPart | ImagePart> {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const out: Array<TextPart | ImagePart> = [];
  content.forEach((part, i) => {
    const decoded = decodeContentPart(part, [...path, i], dropped);
    if (decoded) out.push(decoded);
  });
  return out;
}

function decodeReasoningEffort(effort: string | null | undefined): ReasoningEffort | undefined {
  return effort ? (effort as ReasoningEffort) : undefined;
}

/** Groups Responses' flat item list into canonical turns. */
class MessageBuilder {
  readonly messages: CanonicalMessage[] = [];

  private last(): CanonicalMessage | undefined {
    return this.messages[this.messages.length - 1];
  }

  assistant(part: AssistantPart): void {
    const last = this.last();
    if (last?.role === 'assistant') last.content.push(part);
    else this.messages.push({ role: 'assistant', content: [part] });
  }

  toolResult(part: ToolResultPart): void {
    const last = this.last();
    if (last?.role === 'tool') last.content.push(part);
    else this.messages.push({ role: 'tool', content: [part] });
  }

  push(message: CanonicalMessage): void {
    this.messages.push(message);
  }
}

function decodeTool(raw: unknown, index: number, dropped: string[]): CanonicalTool | HostedTool | undefined {
  const path = ['tools', index];
  const { type } = parseOrThrow(toolSchema, raw, path);
  if (type === 'function') {
    const tool = parseOrThrow(functionToolSchema, raw, path);
    const out: CanonicalTool = {
      type: 'function',
      name: tool.name,
      parameters: tool.parameters ?? { type: 'object', properties: {} },
    };
    if (tool.description) out.description = tool.description;
    if (tool.strict != null) out.strict = tool.strict;
    return out;
  }
  if (type === 'custom') {
    const tool = parseOrThrow(customToolSchema, raw, path);
    const out: CanonicalTool = {
      type: 'function',
      name: tool.name,
      parameters: customToolParameters(tool.format),
    };
    if (tool.description) out.description = tool.description;
    return out;
  }
  // Every other type (web_search, file_search, local_shell, mcp, …) runs on OpenAI's side.
  if (!raw || typeof raw !== 'object') {
    dropped.push(`tools[${index}]`);
    return undefined;
  }
  return { type: 'hosted', kind: type, format: 'openai-responses', raw: raw as Record<string, unknown> };
}

function decodeToolChoice(
  choice: z.infer<typeof toolChoiceSchema> | null | undefined,
  dropped: string[],
): ToolChoice | undefined {
  if (choice == null) return undefined;
  if (typeof choice === 'string') return choice;
  if ((choice.type === 'function' || choice.type === 'custom') && choice.name) {
    return { type: 'tool', name: choice.name };
  }
  // allowed_tools and hosted-tool choices have no canonical form.
  dropped.push('tool_choice');
  return undefined;
}

function decodeTextFormat(
  format: z.infer<typeof textFormatSchema> | null | undefined,
): ResponseFormat | undefined {
  if (!format) return undefined;
  if (format.type === 'text') return { type: 'text' };
  if (format.type === 'json_object') return { type: 'json_object' };
  if (!format.schema) {
    throw invalidRequest(
      "'text.format.schema' is required when text.format.type is 'json_schema'.",
      'text.format.schema',
    );
  }
  const out: ResponseFormat = { type: 'json_schema', schema: format.schema };
  if (format.name) out.name = format.name;
  if (format.strict != null) out.strict = format.strict;
  if (format.description) out.description = format.description;
  return out;
}

export function decodeResponsesRequest(body: unknown, _ctx?: DecodeContext): CanonicalRequest {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw invalidRequest('The request body must be a JSON object.');
  }
  const req = parseOrThrow(requestSchema, body);
  const dropped: string[] = [];
  const builder = new MessageBuilder();

  if (req.instructions) builder.push({ role: 'system', content: [{ type: 'text', text: req.instructions }] });

  const items: unknown[] =
    typeof req.input === 'string' ? [{ type: 'message', role: 'user', content: req.input }] : req.input;
  items.forEach((raw, index) => decodeItem(raw, index, builder, dropped));

  const out: CanonicalRequest = { model: req.model, messages: builder.messages, stream: req.stream ?? false };

  if (req.tools?.length) {
    const tools = req.tools
      .map((t, i) => decodeTool(t, i, dropped))
      .filter((t): t is CanonicalTool | HostedTool => !!t);
    if (tools.length) out.tools = tools;
  }
  const toolChoice = decodeToolChoice(req.tool_choice, dropped);
  if (toolChoice) out.toolChoice = toolChoice;
  if (req.parallel_tool_calls != null) out.parallelToolCalls = req.parallel_tool_calls;
  if (req.max_output_tokens != null) out.maxTokens = req.max_output_tokens;
  if (req.temperature != null) out.temperature = req.temperature;
  if (req.top_p != null) out.topP = req.top_p;
  if (req.user) out.user = req.user;

  if (req.reasoning) {
    const reasoning: ReasoningConfig = {};
    const effort = decodeReasoningEffort(req.reasoning.effort);
    if (effort) reasoning.effort = effort;
    if (effort === 'none') reasoning.enabled = false;
    if (req.reasoning.summary) reasoning.summary = req.reasoning.summary;
    if (Object.keys(reasoning).length) out.reasoning = reasoning;
  }
  const format = decodeTextFormat(req.text?.format);
  if (format) out.responseFormat = format;
  if (req.text?.verbosity != null) dropped.push('text.verbosity');

  const raw = body as Record<string, unknown>;
  for (const field of UNMAPPED_FIELDS) if (raw[field] != null) dropped.push(field);
  if (dropped.length) out.dropped = dropped;
  return out;
}

type ItemPath = Array<string | number>;

/** The item's kind; a bare `{role, content}` is a message, as the API accepts. */
function itemType(raw: unknown, index: number): string {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw invalidRequest(
      `Invalid value for 'input[${index}]': expected an input item object.`,
      `input[${index}]`,
    );
  }
  const record = raw as Record<string, unknown>;
  const type = record.type ?? (record.role !== undefined ? 'message' : undefined);
  if (typeof type !== 'string') {
    throw invalidRequest(
      `Missing value for 'input[${index}].type': an input item needs a 'type' (or a 'role' for messages).`,
      `input[${index}].type`,
    );
  }
  return type;
}

function decodeItem(raw: unknown, index: number, builder: MessageBuilder, dropped: string[]): void {
  const path: ItemPath = ['input', index];
  const type = itemType(raw, index);
  switch (type) {
    case 'message':
      return decodeMessageItem(raw, path, builder, dropped);
    case 'function_call': {
      const item = parseOrThrow(functionCallItemSchema, raw, path);
      return builder.assistant(toolCallPart(item.call_id, item.name, item.arguments, item.id));
    }
    case 'custom_tool_call': {
      const item = parseOrThrow(customToolCallItemSchema, raw, path);
      const args = argumentsFromCustomInput(item.input);
      return builder.assistant(toolCallPart(item.call_id, item.name, args, item.id));
    }
    case 'function_call_output':
    case 'custom_tool_call_output': {
      const schema =
        type === 'function_call_output' ? functionCallOutputItemSchema : customToolCallOutputItemSchema;
      const item = parseOrThrow(schema, raw, path);
      builder.toolResult({
        type: 'tool-result',
        toolCallId: item.call_id,
        content: decodeContent(item.output, [...path, 'output'], dropped),
      });
      return;
    }
    case 'reasoning':
      return builder.assistant(decodeReasoningItem(parseOrThrow(reasoningItemSchema, raw, path)));
    default:
      // item_reference, web_search_call, local_shell_call…: only meaningful to OpenAI's own state.
      dropped.push(`input[${index}]:${type}`);
  }
}

function decodeMessageItem(raw: unknown, path: ItemPath, builder: MessageBuilder, dropped: string[]): void {
  const item = parseOrThrow(messageItemSchema, raw, path);
  const content = decodeContent(item.content, [...path, 'content'], dropped);
  if (item.role === 'assistant') {
    for (const part of content) {
      if (part.type === 'text') builder.assistant(part);
      else dropped.push(`${jsonPath(path)}.content:image`);
    }
  } else if (item.role === 'user') {
    builder.push({ role: 'user', content: content as UserPart[] });
  } else {
    const text = content.filter((p): p is TextPart => p.type === 'text');
    const msg: CanonicalMessage = { role: 'system', content: text };
    if (item.role === 'developer') msg.developer = true;
    builder.push(msg);
  }
}

function toolCallPart(id: string, name: string, args: string, itemId?: string | null): AssistantPart {
  const part: AssistantPart = { type: 'tool-call', id, name, arguments: args, origin: 'openai-responses' };
  if (itemId) part.itemId = itemId;
  return part;
}
