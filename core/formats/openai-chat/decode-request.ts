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
  ToolChoice,
  UserPart,
} from '../canonical.js';
import type { DecodeContext } from '../codec.js';
import {
  chatRequestSchema,
  functionToolSchema,
  imagePartSchema,
  messageSchema,
  textPartSchema,
  toolCallSchema,
  type ChatMessage,
  type ChatRequestBody,
} from './schema.js';
import { splitThinkTags } from './think-tags.js';
import { typedContentSegments } from './typed-content.js';
import { isRecord } from '../json.js';
import { addDropped, parseAt } from '../validation.js';

/** Top-level fields that map onto canonical ones; everything else the caller sent is `dropped`. */
const MAPPED_FIELDS = new Set([
  'model',
  'messages',
  'stream',
  'stream_options',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'top_k',
  'stop',
  'seed',
  'presence_penalty',
  'frequency_penalty',
  'user',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
  'reasoning_effort',
  'reasoning',
]);

const DATA_URL = /^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$/s;

export function decodeImageUrl(url: string, detail?: ImagePart['detail']): ImagePart {
  const match = DATA_URL.exec(url);
  const image: ImagePart = match
    ? { type: 'image', source: { kind: 'base64', mediaType: match[1]!, data: match[2]! } }
    : { type: 'image', source: { kind: 'url', url } };
  if (detail) image.detail = detail;
  return image;
}

function textPart(text: string, cacheControl?: { type: 'ephemeral'; ttl?: string }): TextPart {
  const part: TextPart = { type: 'text', text };
  if (cacheControl)
    part.cacheControl = cacheControl.ttl
      ? { type: 'ephemeral', ttl: cacheControl.ttl }
      : { type: 'ephemeral' };
  return part;
}

type ContentParts = string | Array<{ type: string }>;

/** Text-only content (system, tool). Non-text parts cannot be carried there. */
function decodeTextContent(content: ContentParts, path: string, dropped: string[]): TextPart[] {
  if (typeof content === 'string') return [textPart(content)];
  const out: TextPart[] = [];
  content.forEach((raw, j) => {
    const at = `${path}[${j}]`;
    if (raw.type === 'text') {
      const part = parseAt(textPartSchema, raw, at);
      out.push(textPart(part.text, part.cache_control));
    } else addDropped(dropped, `${at} (${raw.type})`);
  });
  return out;
}

function decodeUserContent(content: ContentParts, path: string, dropped: string[]): UserPart[] {
  if (typeof content === 'string') return [textPart(content)];
  const out: UserPart[] = [];
  content.forEach((raw, j) => {
    const at = `${path}[${j}]`;
    if (raw.type === 'text') {
      const part = parseAt(textPartSchema, raw, at);
      out.push(textPart(part.text, part.cache_control));
    } else if (raw.type === 'image_url') {
      const part = parseAt(imagePartSchema, raw, at);
      out.push(decodeImageUrl(part.image_url.url, part.image_url.detail));
    } else {
      // input_audio, file …: no canonical part exists; say so instead of failing the request.
      addDropped(dropped, `${at} (${raw.type})`);
    }
  });
  return out;
}

function decodeAssistant(
  message: Extract<ChatMessage, { role: 'assistant' }>,
  path: string,
  dropped: string[],
): AssistantPart[] {
  const parts: AssistantPart[] = [];
  const reasoning = message.reasoning_content ?? message.reasoning;
  let texts: TextPart[] = [];
  /** Mistral's thinking chunks, echoed back in history by a client that got them on passthrough. */
  let thinking = '';
  if (typeof message.content === 'string') {
    const split = splitThinkTags(message.content);
    if (split.reasoning && !reasoning) parts.push({ type: 'reasoning', text: split.reasoning });
    if (split.text) texts = [textPart(split.text)];
  } else if (message.content) {
    message.content.forEach((raw, j) => {
      const at = `${path}.content[${j}]`;
      if (raw.type === 'text') texts.push(textPart(parseAt(textPartSchema, raw, at).text));
      else if (raw.type === 'refusal' && typeof (raw as Record<string, unknown>).refusal === 'string')
        texts.push(textPart((raw as Record<string, unknown>).refusal as string));
      else if (raw.type === 'thinking')
        thinking += typedContentSegments([raw])
          .map((seg) => seg.text)
          .join('');
      else addDropped(dropped, `${at} (${raw.type})`);
    });
  }
  if (reasoning) parts.push({ type: 'reasoning', text: reasoning });
  else if (thinking) parts.push({ type: 'reasoning', text: thinking });
  parts.push(...texts);
  (message.tool_calls ?? []).forEach((raw, k) => {
    const call = parseAt(toolCallSchema, raw, `${path}.tool_calls[${k}]`);
    parts.push({
      type: 'tool-call',
      id: call.id,
      name: call.function.name,
      arguments: call.function.arguments ?? '',
    });
  });
  return parts;
}

function decodeMessages(raw: unknown[], dropped: string[]): CanonicalMessage[] {
  const out: CanonicalMessage[] = [];
  const toolNames = new Map<string, string>();
  raw.forEach((value, i) => {
    const path = `messages[${i}]`;
    const message = parseAt(messageSchema, value, path);
    switch (message.role) {
      case 'system':
      case 'developer': {
        const content = decodeTextContent(message.content, `${path}.content`, dropped);
        out.push(
          message.role === 'developer'
            ? { role: 'system', content, developer: true }
            : { role: 'system', content },
        );
        break;
      }
      case 'user':
        out.push({ role: 'user', content: decodeUserContent(message.content, `${path}.content`, dropped) });
        break;
      case 'assistant': {
        const content = decodeAssistant(message, path, dropped);
        for (const part of content) if (part.type === 'tool-call') toolNames.set(part.id, part.name);
        out.push({ role: 'assistant', content });
        break;
      }
      case 'tool': {
        const name = toolNames.get(message.tool_call_id);
        out.push({
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: message.tool_call_id,
              ...(name !== undefined ? { name } : {}),
              content: decodeTextContent(message.content, `${path}.content`, dropped),
            },
          ],
        });
        break;
      }
    }
  });
  return out;
}

function decodeTools(tools: NonNullable<ChatRequestBody['tools']>): Array<CanonicalTool | HostedTool> {
  return tools.map((raw, i) => {
    if (raw.type !== 'function') return { type: 'hosted', kind: raw.type, format: 'openai-chat', raw };
    const fn = parseAt(functionToolSchema, raw, `tools[${i}]`).function;
    const tool: CanonicalTool = {
      type: 'function',
      name: fn.name,
      parameters: fn.parameters ?? { type: 'object', properties: {} },
    };
    if (fn.description) tool.description = fn.description;
    if (typeof fn.strict === 'boolean') tool.strict = fn.strict;
    return tool;
  });
}

function decodeToolChoice(
  choice: NonNullable<ChatRequestBody['tool_choice']>,
  dropped: string[],
): ToolChoice | undefined {
  if (typeof choice === 'string') return choice;
  const fn = (choice as { function?: { name?: unknown } }).function;
  if (choice.type === 'function' && typeof fn?.name === 'string') return { type: 'tool', name: fn.name };
  addDropped(dropped, `tool_choice (${choice.type})`);
  return undefined;
}

function decodeResponseFormat(format: NonNullable<ChatRequestBody['response_format']>): ResponseFormat {
  if (format.type !== 'json_schema') return { type: format.type };
  const spec = (
    format as {
      json_schema: {
        name?: string;
        description?: string;
        schema?: Record<string, unknown>;
        strict?: boolean | null;
      };
    }
  ).json_schema;
  const out: ResponseFormat = { type: 'json_schema', schema: spec.schema ?? { type: 'object' } };
  if (spec.name) out.name = spec.name;
  if (spec.description) out.description = spec.description;
  if (typeof spec.strict === 'boolean') out.strict = spec.strict;
  return out;
}

function decodeReasoning(body: ChatRequestBody): ReasoningConfig | undefined {
  const effort = body.reasoning_effort ?? body.reasoning?.effort;
  if (effort) return { enabled: effort !== 'none', effort };
  if (body.reasoning?.enabled === false) return { enabled: false };
  if (body.reasoning?.enabled === true) return { enabled: true };
  return undefined;
}

export function decodeChatRequest(body: unknown, ctx?: DecodeContext): CanonicalRequest {
  const input =
    isRecord(body) && ctx?.model && body.model === undefined ? { ...body, model: ctx.model } : body;
  const req = parseAt(chatRequestSchema, input);
  const dropped: string[] = [];

  const request: CanonicalRequest = {
    model: req.model,
    messages: decodeMessages(req.messages, dropped),
    stream: req.stream ?? ctx?.stream ?? false,
  };
  if (req.tools?.length) request.tools = decodeTools(req.tools);
  if (req.tool_choice != null) {
    const choice = decodeToolChoice(req.tool_choice, dropped);
    if (choice) request.toolChoice = choice;
  }
  if (req.parallel_tool_calls != null) request.parallelToolCalls = req.parallel_tool_calls;
  if (req.response_format) request.responseFormat = decodeResponseFormat(req.response_format);
  const maxTokens = req.max_completion_tokens ?? req.max_tokens;
  if (maxTokens != null) request.maxTokens = maxTokens;
  if (req.temperature != null) request.temperature = req.temperature;
  if (req.top_p != null) request.topP = req.top_p;
  if (req.top_k != null) request.topK = req.top_k;
  if (req.stop != null) request.stop = typeof req.stop === 'string' ? [req.stop] : req.stop;
  if (req.seed != null) request.seed = req.seed;
  if (req.presence_penalty != null) request.presencePenalty = req.presence_penalty;
  if (req.frequency_penalty != null) request.frequencyPenalty = req.frequency_penalty;
  if (req.user != null) request.user = req.user;
  const reasoning = decodeReasoning(req);
  if (reasoning) request.reasoning = reasoning;

  for (const key of Object.keys(req)) if (!MAPPED_FIELDS.has(key)) addDropped(dropped, key);
  if (dropped.length) request.dropped = dropped;
  return request;
}
