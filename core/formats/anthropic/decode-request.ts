import type {
  AssistantPart,
  CacheControl,
  CanonicalMessage,
  CanonicalRequest,
  CanonicalTool,
  HostedTool,
  ImagePart,
  ReasoningConfig,
  TextPart,
  ToolChoice,
  UserPart,
} from '../canonical.js';
import type { DecodeContext } from '../codec.js';
import { isRecord } from '../json.js';
import { addDropped, parseAt } from '../validation.js';
import {
  customToolSchema,
  imageBlockSchema,
  messageSchema,
  messagesRequestSchema,
  redactedThinkingBlockSchema,
  textBlockSchema,
  thinkingBlockSchema,
  toolResultBlockSchema,
  toolUseBlockSchema,
  type MessagesRequestBody,
} from './schema.js';

const MAPPED_FIELDS = new Set([
  'model',
  'messages',
  'max_tokens',
  'system',
  'stream',
  'temperature',
  'top_p',
  'top_k',
  'stop_sequences',
  'metadata',
  'tools',
  'tool_choice',
  'thinking',
  'output_config',
  'output_format',
]);

type RawBlock = { type: string };

function cacheControl(
  raw: { type: 'ephemeral'; ttl?: string | undefined } | null | undefined,
): CacheControl | undefined {
  if (!raw) return undefined;
  return raw.ttl ? { type: 'ephemeral', ttl: raw.ttl } : { type: 'ephemeral' };
}

function text(raw: unknown, path: string): TextPart {
  const block = parseAt(textBlockSchema, raw, path);
  const part: TextPart = { type: 'text', text: block.text };
  const cc = cacheControl(block.cache_control);
  if (cc) part.cacheControl = cc;
  return part;
}

function image(raw: unknown, path: string, dropped: string[]): ImagePart | undefined {
  const block = parseAt(imageBlockSchema, raw, path);
  const source = block.source;
  let part: ImagePart;
  if (source.type === 'base64') {
    part = { type: 'image', source: { kind: 'base64', mediaType: source.media_type, data: source.data } };
  } else if (source.type === 'url') {
    part = { type: 'image', source: { kind: 'url', url: source.url } };
  } else {
    // Files API ids only mean something to Anthropic itself.
    addDropped(dropped, `${path} (image file_id)`);
    return undefined;
  }
  const cc = cacheControl(block.cache_control);
  if (cc) part.cacheControl = cc;
  return part;
}

function textBlocks(content: string | RawBlock[], path: string, dropped: string[]): TextPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const out: TextPart[] = [];
  content.forEach((raw, j) => {
    if (raw.type === 'text') out.push(text(raw, `${path}[${j}]`));
    else addDropped(dropped, `${path}[${j}] (${raw.type})`);
  });
  return out;
}

function toolResultContent(
  content: string | RawBlock[] | null | undefined,
  path: string,
  dropped: string[],
): Array<TextPart | ImagePart> {
  if (content == null) return [];
  if (typeof content === 'string') return content ? [{ type: 'text', text: content }] : [];
  const out: Array<TextPart | ImagePart> = [];
  content.forEach((raw, j) => {
    const at = `${path}[${j}]`;
    if (raw.type === 'text') out.push(text(raw, at));
    else if (raw.type === 'image') {
      const part = image(raw, at, dropped);
      if (part) out.push(part);
    } else addDropped(dropped, `${at} (${raw.type})`);
  });
  return out;
}

function userBlocks(
  content: string | RawBlock[],
  path: string,
  dropped: string[],
  toolNames: Map<string, string>,
): UserPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const out: UserPart[] = [];
  content.forEach((raw, j) => {
    const at = `${path}[${j}]`;
    if (raw.type === 'text') out.push(text(raw, at));
    else if (raw.type === 'image') {
      const part = image(raw, at, dropped);
      if (part) out.push(part);
    } else if (raw.type === 'tool_result') {
      const block = parseAt(toolResultBlockSchema, raw, at);
      const name = toolNames.get(block.tool_use_id);
      const part: UserPart = {
        type: 'tool-result',
        toolCallId: block.tool_use_id,
        content: toolResultContent(block.content, `${at}.content`, dropped),
      };
      if (name !== undefined) part.name = name;
      if (block.is_error) part.isError = true;
      const cc = cacheControl(block.cache_control);
      if (cc) part.cacheControl = cc;
      out.push(part);
    } else {
      // document, search_result, container_upload …: nothing canonical can hold them.
      addDropped(dropped, `${at} (${raw.type})`);
    }
  });
  return out;
}

function assistantBlocks(
  content: string | RawBlock[],
  path: string,
  dropped: string[],
  toolNames: Map<string, string>,
): AssistantPart[] {
  if (typeof content === 'string') return content ? [{ type: 'text', text: content }] : [];
  const out: AssistantPart[] = [];
  content.forEach((raw, j) => {
    const at = `${path}[${j}]`;
    switch (raw.type) {
      case 'text':
        out.push(text(raw, at));
        break;
      case 'thinking': {
        const block = parseAt(thinkingBlockSchema, raw, at);
        // An empty signature is what this gateway streams for reasoning another vendor produced
        // (it has no Anthropic signature); it is plain text then, not an Anthropic token.
        out.push(
          block.signature
            ? { type: 'reasoning', text: block.thinking, signature: block.signature, origin: 'anthropic' }
            : { type: 'reasoning', text: block.thinking },
        );
        break;
      }
      case 'redacted_thinking': {
        const block = parseAt(redactedThinkingBlockSchema, raw, at);
        out.push({ type: 'reasoning', text: '', redactedData: block.data, origin: 'anthropic' });
        break;
      }
      case 'tool_use': {
        const block = parseAt(toolUseBlockSchema, raw, at);
        toolNames.set(block.id, block.name);
        out.push({
          type: 'tool-call',
          id: block.id,
          name: block.name,
          arguments: JSON.stringify(block.input ?? {}),
        });
        break;
      }
      default:
        // server_tool_use, web_search_tool_result …: executed by Anthropic, not replayable elsewhere.
        addDropped(dropped, `${at} (${raw.type})`);
    }
  });
  return out;
}

function decodeMessages(raw: unknown[], dropped: string[]): CanonicalMessage[] {
  const toolNames = new Map<string, string>();
  return raw.map((value, i): CanonicalMessage => {
    const path = `messages[${i}]`;
    const message = parseAt(messageSchema, value, path);
    const content = message.content as string | RawBlock[];
    const at = `${path}.content`;
    if (message.role === 'system') return { role: 'system', content: textBlocks(content, at, dropped) };
    if (message.role === 'user')
      return { role: 'user', content: userBlocks(content, at, dropped, toolNames) };
    return { role: 'assistant', content: assistantBlocks(content, at, dropped, toolNames) };
  });
}

function decodeTools(tools: Array<Record<string, unknown>>): Array<CanonicalTool | HostedTool> {
  return tools.map((raw, i) => {
    // Server tools (web_search_20250305, bash_20250124, text_editor_…) are known by their type.
    if (typeof raw.type === 'string' && raw.type !== 'custom') {
      return { type: 'hosted', kind: raw.type, format: 'anthropic', raw };
    }
    const block = parseAt(customToolSchema, raw, `tools[${i}]`);
    const tool: CanonicalTool = { type: 'function', name: block.name, parameters: block.input_schema };
    if (block.description) tool.description = block.description;
    if (typeof block.strict === 'boolean') tool.strict = block.strict;
    const cc = cacheControl(block.cache_control);
    if (cc) tool.cacheControl = cc;
    return tool;
  });
}

function decodeToolChoice(choice: NonNullable<MessagesRequestBody['tool_choice']>): ToolChoice {
  if (choice.type === 'any') return 'required';
  if (choice.type === 'tool') return { type: 'tool', name: (choice as { name: string }).name };
  return choice.type;
}

function decodeReasoning(req: MessagesRequestBody): ReasoningConfig | undefined {
  const reasoning: ReasoningConfig = {};
  const thinking = req.thinking;
  if (thinking?.type === 'enabled') {
    reasoning.enabled = true;
    reasoning.budgetTokens = (thinking as { budget_tokens: number }).budget_tokens;
  } else if (thinking?.type === 'disabled') reasoning.enabled = false;
  else if (thinking?.type === 'adaptive') {
    reasoning.enabled = true;
    reasoning.adaptive = true;
  }
  const effort = req.output_config?.effort;
  if (effort) reasoning.effort = effort;
  return Object.keys(reasoning).length ? reasoning : undefined;
}

function noteDropped(req: MessagesRequestBody, dropped: string[]): void {
  for (const key of Object.keys(req)) if (!MAPPED_FIELDS.has(key)) addDropped(dropped, key);
  for (const key of Object.keys(req.metadata ?? {}))
    if (key !== 'user_id') addDropped(dropped, `metadata.${key}`);
  for (const key of Object.keys(req.output_config ?? {}))
    if (key !== 'effort' && key !== 'format') addDropped(dropped, `output_config.${key}`);
  if (req.thinking) {
    for (const key of Object.keys(req.thinking))
      if (key !== 'type' && key !== 'budget_tokens') addDropped(dropped, `thinking.${key}`);
  }
}

export function decodeAnthropicRequest(body: unknown, ctx?: DecodeContext): CanonicalRequest {
  const input =
    isRecord(body) && ctx?.model && body.model === undefined ? { ...body, model: ctx.model } : body;
  const req = parseAt(messagesRequestSchema, input);
  const dropped: string[] = [];

  const messages: CanonicalMessage[] = [];
  if (req.system != null) {
    const blocks =
      typeof req.system === 'string'
        ? req.system
        : req.system.map((b, j) =>
            isRecord(b) && typeof b.type === 'string'
              ? (b as RawBlock)
              : parseAt(textBlockSchema, b, `system[${j}]`),
          );
    const system = textBlocks(blocks, 'system', dropped);
    if (system.length) messages.push({ role: 'system', content: system });
  }
  messages.push(...decodeMessages(req.messages, dropped));

  const request: CanonicalRequest = {
    model: req.model,
    messages,
    stream: req.stream ?? ctx?.stream ?? false,
  };
  if (req.tools?.length) request.tools = decodeTools(req.tools);
  if (req.tool_choice) {
    request.toolChoice = decodeToolChoice(req.tool_choice);
    const disable = (req.tool_choice as { disable_parallel_tool_use?: boolean | null })
      .disable_parallel_tool_use;
    if (typeof disable === 'boolean') request.parallelToolCalls = !disable;
  }
  const format = req.output_config?.format ?? req.output_format;
  if (format) request.responseFormat = { type: 'json_schema', schema: format.schema };
  if (req.max_tokens != null) request.maxTokens = req.max_tokens;
  if (req.temperature != null) request.temperature = req.temperature;
  if (req.top_p != null) request.topP = req.top_p;
  if (req.top_k != null) request.topK = req.top_k;
  if (req.stop_sequences?.length) request.stop = req.stop_sequences;
  if (req.metadata?.user_id) request.user = req.metadata.user_id;
  const reasoning = decodeReasoning(req);
  if (reasoning) request.reasoning = reasoning;

  noteDropped(req, dropped);
  if (dropped.length) request.dropped = dropped;
  return request;
}
