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
import type { DecodeContext, EncodeRequestOptions } from '../codec.js';
import { argumentsFromCustomInput, customToolParameters } from './custom-tools.js';
import { parseOrThrow } from '../parse-or-throw.js';

// ---------------------------------------------------------------------------------------------
// Schemas. Loose objects everywhere: Codex and the SDKs add fields faster than we can list them.
// ---------------------------------------------------------------------------------------------

const textPartSchema = z.looseObject({ type: z.enum(['input_text', 'output_text']), text: z.string() });
const refusalPartSchema = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });
const imagePartSchema = z.looseObject({
  type: z.literal('input_image'),
  image_url: z.string().nullish(),
  file_id: z.string().nullish(),
  detail: z.enum(['auto', 'low', 'high']).nullish(),
});
const filePartSchema = z.looseObject({
  type: z.literal('input_file'),
  file_data: z.string().nullish(),
  file_id: z.string().nullish(),
  file_url: z.string().nullish(),
  filename: z.string().nullish(),
});
const contentPartSchema = z.looseObject({ type: z.string() });
const contentSchema = z.union([z.string(), z.array(contentPartSchema)]);

const messageItemSchema = z.looseObject({
  type: z.literal('message').optional(),
  id: z.string().nullish(),
  role: z.enum(['user', 'developer', 'system', 'assistant'], {
    error: "role must be one of 'user', 'developer', 'system', 'assistant'",
  }),
  content: contentSchema,
});
const functionCallItemSchema = z.looseObject({
  type: z.literal('function_call'),
  id: z.string().nullish(),
  call_id: z.string(),
  name: z.string(),
  arguments: z.string(),
});
const functionCallOutputItemSchema = z.looseObject({
  type: z.literal('function_call_output'),
  call_id: z.string(),
  output: contentSchema,
});
const customToolCallItemSchema = z.looseObject({
  type: z.literal('custom_tool_call'),
  id: z.string().nullish(),
  call_id: z.string(),
  name: z.string(),
  input: z.string(),
});
const customToolCallOutputItemSchema = z.looseObject({
  type: z.literal('custom_tool_call_output'),
  call_id: z.string(),
  output: contentSchema,
});
const reasoningItemSchema = z.looseObject({
  type: z.literal('reasoning'),
  id: z.string().nullish(),
  summary: z.array(z.looseObject({ type: z.string(), text: z.string() })).nullish(),
  content: z.array(z.looseObject({ type: z.string(), text: z.string() })).nullish(),
  encrypted_content: z.string().nullish(),
});

const toolSchema = z.looseObject({ type: z.string() });
const functionToolSchema = z.looseObject({
  type: z.literal('function'),
  name: z.string().min(1),
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});
const customToolSchema = z.looseObject({
  type: z.literal('custom'),
  name: z.string().min(1),
  description: z.string().nullish(),
  format: z.unknown().optional(),
});

const toolChoiceSchema = z.union([
  z.enum(['auto', 'none', 'required']),
  z.looseObject({ type: z.string(), name: z.string().optional() }),
]);

const textFormatSchema = z.looseObject({
  type: z.enum(['text', 'json_object', 'json_schema']),
  name: z.string().nullish(),
  schema: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
  description: z.string().nullish(),
});

const requestSchema = z.looseObject({
  model: z.string({ error: '\'model\' is required: name the model to use, e.g. "gpt-5-codex"' }).min(1, {
    error: "'model' must not be empty",
  }),
  instructions: z.string().nullish(),
  input: z.union([z.string(), z.array(z.unknown())], {
    error: "'input' must be a string or an array of input items",
  }),
  tools: z.array(toolSchema).nullish(),
  tool_choice: toolChoiceSchema.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  max_output_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  reasoning: z
    .looseObject({
      effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).nullish(),
      summary: z.enum(['auto', 'concise', 'detailed', 'none']).nullish(),
    })
    .nullish(),
  text: z.looseObject({ format: textFormatSchema.nullish(), verbosity: z.string().nullish() }).nullish(),
  stream: z.boolean().nullish(),
  user: z.string().nullish(),
  store: z.boolean().nullish(),
  include: z.array(z.string()).nullish(),
  previous_response_id: z.string().nullish(),
  prompt_cache_key: z.string().nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  service_tier: z.string().nullish(),
  truncation: z.string().nullish(),
});

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

// ---------------------------------------------------------------------------------------------
// Decode
// ---------------------------------------------------------------------------------------------

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
        dropped.push(`${pathText(path)}.file_id`);
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
      dropped.push(`${pathText(path)}.file_id`);
      return undefined;
    }
    default:
      dropped.push(`${pathText(path)}:${type}`);
      return undefined;
  }
}

function pathText(path: Array<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
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

function decodeItem(raw: unknown, index: number, builder: MessageBuilder, dropped: string[]): void {
  const path: Array<string | number> = ['input', index];
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
  switch (type) {
    case 'message': {
      const item = parseOrThrow(messageItemSchema, raw, path);
      const content = decodeContent(item.content, [...path, 'content'], dropped);
      if (item.role === 'assistant') {
        for (const part of content) {
          if (part.type === 'text') builder.assistant(part);
          else dropped.push(`${pathText(path)}.content:image`);
        }
      } else if (item.role === 'user') {
        builder.push({ role: 'user', content: content as UserPart[] });
      } else {
        const text = content.filter((p): p is TextPart => p.type === 'text');
        const msg: CanonicalMessage = { role: 'system', content: text };
        if (item.role === 'developer') msg.developer = true;
        builder.push(msg);
      }
      return;
    }
    case 'function_call': {
      const item = parseOrThrow(functionCallItemSchema, raw, path);
      const part: AssistantPart = {
        type: 'tool-call',
        id: item.call_id,
        name: item.name,
        arguments: item.arguments,
        origin: 'openai-responses',
      };
      if (item.id) part.itemId = item.id;
      builder.assistant(part);
      return;
    }
    case 'custom_tool_call': {
      const item = parseOrThrow(customToolCallItemSchema, raw, path);
      const part: AssistantPart = {
        type: 'tool-call',
        id: item.call_id,
        name: item.name,
        arguments: argumentsFromCustomInput(item.input),
        origin: 'openai-responses',
      };
      if (item.id) part.itemId = item.id;
      builder.assistant(part);
      return;
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
    case 'reasoning': {
      const item = parseOrThrow(reasoningItemSchema, raw, path);
      // Full reasoning text (reasoning_text content, gpt-oss) beats the summary when both exist.
      const full = item.content?.filter((c) => c.type === 'reasoning_text').map((c) => c.text) ?? [];
      const summary = item.summary?.map((s) => s.text) ?? [];
      const part: AssistantPart = {
        type: 'reasoning',
        text: (full.length ? full : summary).join('\n\n'),
        origin: 'openai-responses',
      };
      if (item.encrypted_content) part.encryptedContent = item.encrypted_content;
      if (item.id) part.itemId = item.id;
      builder.assistant(part);
      return;
    }
    default:
      // item_reference, web_search_call, local_shell_call…: only meaningful to OpenAI's own state.
      dropped.push(`input[${index}]:${type}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Encode (canonical → Responses upstream)
// ---------------------------------------------------------------------------------------------

function imageUrl(part: ImagePart): string {
  return part.source.kind === 'url'
    ? part.source.url
    : `data:${part.source.mediaType};base64,${part.source.data}`;
}

function encodeUserContent(
  parts: Array<TextPart | ImagePart>,
  role: 'user' | 'tool',
): Array<Record<string, unknown>> {
  return parts.map((part) => {
    if (part.type === 'text') return { type: 'input_text', text: part.text };
    if (part.source.kind === 'base64' && !part.source.mediaType.startsWith('image/')) {
      // PDFs and other documents travel as input_file; Responses wants a filename with them.
      const ext = part.source.mediaType.split('/')[1] ?? 'bin';
      return { type: 'input_file', filename: `${role}-file.${ext}`, file_data: imageUrl(part) };
    }
    const out: Record<string, unknown> = { type: 'input_image', image_url: imageUrl(part) };
    out.detail = part.detail ?? 'auto';
    return out;
  });
}

function encodeToolOutput(part: ToolResultPart): string | Array<Record<string, unknown>> {
  if (part.content.every((c) => c.type === 'text'))
    return part.content.map((c) => (c as TextPart).text).join('');
  return encodeUserContent(part.content, 'tool');
}

function encodeEffort(reasoning: ReasoningConfig): string | undefined {
  if (reasoning.enabled === false) return 'none';
  if (reasoning.effort) return reasoning.effort === 'max' ? 'xhigh' : reasoning.effort;
  if (reasoning.budgetTokens != null) {
    if (reasoning.budgetTokens <= 1024) return 'low';
    if (reasoning.budgetTokens <= 8192) return 'medium';
    return 'high';
  }
  return undefined;
}

export interface EncodedRequest {
  body: Record<string, unknown>;
  /** Canonical content the Responses API cannot take, named for logs and docs. */
  dropped: string[];
}

export function encodeResponsesRequestWithReport(
  request: CanonicalRequest,
  options: EncodeRequestOptions,
): EncodedRequest {
  const dropped: string[] = [];
  const input: Array<Record<string, unknown>> = [];
  const instructions: string[] = [];
  let leading = true;
  let carriesEncryptedReasoning = false;

  for (const message of request.messages) {
    switch (message.role) {
      case 'system': {
        // Separate system blocks (Anthropic, Gemini parts) stay separate paragraphs.
        const text = message.content.map((p) => p.text).join('\n\n');
        // Only the leading, non-developer system prompt is `instructions`; developer messages and
        // later system messages keep their place in the conversation.
        if (leading && !message.developer) instructions.push(text);
        else input.push({ type: 'message', role: message.developer ? 'developer' : 'system', content: text });
        continue;
      }
      case 'user': {
        leading = false;
        const content = message.content.filter((p): p is TextPart | ImagePart => p.type !== 'tool-result');
        for (const part of message.content) {
          if (part.type === 'tool-result') {
            input.push({
              type: 'function_call_output',
              call_id: part.toolCallId,
              output: encodeToolOutput(part),
            });
          }
        }
        if (content.length)
          input.push({ type: 'message', role: 'user', content: encodeUserContent(content, 'user') });
        continue;
      }
      case 'tool':
        leading = false;
        for (const part of message.content) {
          input.push({
            type: 'function_call_output',
            call_id: part.toolCallId,
            output: encodeToolOutput(part),
          });
        }
        continue;
      case 'assistant': {
        leading = false;
        let text: Array<Record<string, unknown>> | undefined;
        for (const part of message.content) {
          if (part.type === 'text') {
            if (!text) {
              text = [];
              input.push({ type: 'message', role: 'assistant', content: text });
            }
            text.push({ type: 'output_text', text: part.text, annotations: [] });
            continue;
          }
          text = undefined;
          if (part.type === 'reasoning') {
            // Another provider's reasoning cannot be replayed as an OpenAI reasoning item.
            if (part.origin !== 'openai-responses' || !part.itemId) {
              if (part.text || part.signature || part.thoughtSignature || part.redactedData) {
                dropped.push(`reasoning (origin ${part.origin ?? 'unknown'})`);
              }
              continue;
            }
            const item: Record<string, unknown> = {
              type: 'reasoning',
              id: part.itemId,
              summary: part.text ? [{ type: 'summary_text', text: part.text }] : [],
            };
            if (part.encryptedContent) {
              item.encrypted_content = part.encryptedContent;
              carriesEncryptedReasoning = true;
            }
            input.push(item);
            continue;
          }
          const call: Record<string, unknown> = {
            type: 'function_call',
            call_id: part.id,
            name: part.name,
            arguments: part.arguments,
          };
          if (part.itemId && part.origin === 'openai-responses') call.id = part.itemId;
          input.push(call);
        }
        continue;
      }
    }
  }

  const body: Record<string, unknown> = { model: options.model };
  if (instructions.length) body.instructions = instructions.join('\n\n');
  body.input = input;

  const tools: Array<Record<string, unknown>> = [];
  for (const tool of request.tools ?? []) {
    if (tool.type === 'function') {
      // Responses treats a missing `strict` as true, which rejects most non-strict schemas:
      // say what the caller meant.
      const out: Record<string, unknown> = {
        type: 'function',
        name: tool.name,
        parameters: tool.parameters,
        strict: tool.strict ?? false,
      };
      if (tool.description) out.description = tool.description;
      tools.push(out);
    } else if (tool.format === 'openai-responses') {
      tools.push(tool.raw);
    } else {
      dropped.push(`tools:${tool.kind}`);
    }
  }
  if (tools.length) body.tools = tools;

  if (request.toolChoice) {
    body.tool_choice =
      typeof request.toolChoice === 'string'
        ? request.toolChoice
        : { type: 'function', name: request.toolChoice.name };
  }
  if (request.parallelToolCalls != null) body.parallel_tool_calls = request.parallelToolCalls;
  if (request.maxTokens != null) body.max_output_tokens = request.maxTokens;
  if (request.temperature != null) body.temperature = request.temperature;
  if (request.topP != null) body.top_p = request.topP;
  for (const [field, value] of [
    ['topK', request.topK],
    ['stop', request.stop],
    ['seed', request.seed],
    ['presencePenalty', request.presencePenalty],
    ['frequencyPenalty', request.frequencyPenalty],
  ] as const) {
    if (value != null) dropped.push(field);
  }

  const wantsReasoning = !!request.reasoning && request.reasoning.enabled !== false;
  if (request.reasoning) {
    const reasoning: Record<string, unknown> = {};
    const effort = encodeEffort(request.reasoning);
    if (effort) reasoning.effort = effort;
    const summary = request.reasoning.summary ?? (request.reasoning.includeThoughts ? 'auto' : undefined);
    if (summary && summary !== 'none' && request.reasoning.enabled !== false) reasoning.summary = summary;
    if (Object.keys(reasoning).length) body.reasoning = reasoning;
  }

  if (request.responseFormat) {
    const f = request.responseFormat;
    if (f.type === 'json_schema') {
      const format: Record<string, unknown> = {
        type: 'json_schema',
        name: f.name ?? 'response',
        schema: f.schema,
      };
      if (f.strict != null) format.strict = f.strict;
      if (f.description) format.description = f.description;
      body.text = { format };
    } else {
      body.text = { format: { type: f.type } };
    }
  }

  // The gateway keeps no state upstream: ask for nothing to be stored, and for reasoning to come
  // back encrypted so the next turn can hand it back (that is how Codex itself runs).
  body.store = false;
  if (carriesEncryptedReasoning || wantsReasoning) body.include = ['reasoning.encrypted_content'];
  if (request.user) body.user = request.user;
  body.stream = options.stream;
  return { body, dropped };
}

export function encodeResponsesRequest(
  request: CanonicalRequest,
  options: EncodeRequestOptions,
): Record<string, unknown> {
  return encodeResponsesRequestWithReport(request, options).body;
}
