import type {
  AssistantPart,
  CanonicalMessage,
  CanonicalRequest,
  ImagePart,
  ReasoningConfig,
  ReasoningEffort,
  TextPart,
  ToolResultPart,
} from '../canonical.js';
import type { EncodeRequestOptions } from '../codec.js';
import { addDropped } from '../validation.js';
import { toolCallOut } from './response.js';
import { NUMBER_OPTIONS } from './schema.js';

type Json = Record<string, unknown>;

const joinText = (parts: Array<{ type: string }>): string =>
  parts
    .filter((p): p is TextPart => p.type === 'text')
    .map((p) => p.text)
    .join('\n\n');

/** Ollama takes images as bare base64 only: an image by URL cannot be sent. */
function images(parts: Array<{ type: string }>, dropped: string[]): string[] {
  const out: string[] = [];
  for (const p of parts) {
    if (p.type !== 'image') continue;
    const img = p as ImagePart;
    if (img.source.kind === 'base64') out.push(img.source.data);
    else addDropped(dropped, 'messages (image url)');
  }
  return out;
}

function withImages(message: Json, parts: Array<{ type: string }>, dropped: string[]): Json {
  const list = images(parts, dropped);
  if (list.length) message.images = list;
  return message;
}

/**
 * Reasoning goes back as `thinking`; reasoning that carries another vendor's opaque token was
 * produced by that vendor's model and stays out (see the other encoders).
 */
function encodeAssistant(parts: AssistantPart[]): Json {
  const message: Json = {
    role: 'assistant',
    content: parts
      .filter((p): p is TextPart => p.type === 'text')
      .map((p) => p.text)
      .join(''),
  };
  const thinking = parts
    .filter((p) => p.type === 'reasoning' && p.text && (p.origin === undefined || p.origin === 'ollama'))
    .map((p) => (p as { text: string }).text)
    .join('\n\n');
  if (thinking) message.thinking = thinking;
  const calls = parts.filter((p) => p.type === 'tool-call');
  if (calls.length) message.tool_calls = calls.map((c) => toolCallOut(c.name, c.arguments));
  return message;
}

function encodeToolResult(r: ToolResultPart, names: Map<string, string>, dropped: string[]): Json {
  const message: Json = { role: 'tool', content: joinText(r.content) };
  const name = r.name ?? names.get(r.toolCallId);
  if (name) message.tool_name = name;
  return withImages(message, r.content, dropped);
}

function encodeMessages(messages: CanonicalMessage[], dropped: string[]): Json[] {
  const out: Json[] = [];
  /** Call id → tool name: Ollama matches a result to its call by name. */
  const names = new Map<string, string>();
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        out.push({ role: 'system', content: joinText(message.content) });
        break;
      case 'assistant':
        for (const p of message.content) if (p.type === 'tool-call') names.set(p.id, p.name);
        out.push(encodeAssistant(message.content));
        break;
      case 'tool':
        for (const r of message.content) out.push(encodeToolResult(r, names, dropped));
        break;
      case 'user': {
        // Tool results first: they answer the assistant turn right before.
        const rest = message.content.filter((p) => p.type !== 'tool-result');
        for (const p of message.content)
          if (p.type === 'tool-result') out.push(encodeToolResult(p, names, dropped));
        if (rest.length || message.content.length === 0)
          out.push(withImages({ role: 'user', content: joinText(rest) }, rest, dropped));
        break;
      }
    }
  }
  return out;
}

const THINK_LEVEL: Record<ReasoningEffort, string | false> = {
  none: false,
  minimal: 'low',
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'max',
  max: 'max',
};

/** A thinking budget on Ollama's level scale (Anthropic callers send budgets). */
export function thinkForBudget(budget: number): string | false {
  if (budget <= 0) return false;
  if (budget < 4096) return 'low';
  if (budget < 16000) return 'medium';
  return 'high';
}

export function thinkValue(effort: ReasoningEffort): string | false {
  return THINK_LEVEL[effort];
}

function encodeThink(reasoning: ReasoningConfig): boolean | string | undefined {
  if (reasoning.enabled === false) return false;
  if (reasoning.effort) return THINK_LEVEL[reasoning.effort];
  if (reasoning.budgetTokens !== undefined) return thinkForBudget(reasoning.budgetTokens);
  return reasoning.enabled === true ? true : undefined;
}

function encodeOptions(request: CanonicalRequest): Json {
  const options: Json = {};
  for (const [option, field] of NUMBER_OPTIONS)
    if (request[field] !== undefined) options[option] = request[field];
  if (request.maxTokens !== undefined) options.num_predict = request.maxTokens;
  if (request.stop?.length) options.stop = request.stop;
  return options;
}

export function encodeOllamaRequest(request: CanonicalRequest, options: EncodeRequestOptions): Json {
  const dropped = request.dropped ?? [];
  const body: Json = { model: options.model, messages: encodeMessages(request.messages, dropped) };
  const tools: Json[] = [];
  for (const tool of request.tools ?? []) {
    if (tool.type === 'function') {
      const fn: Json = { name: tool.name, parameters: tool.parameters };
      if (tool.description) fn.description = tool.description;
      tools.push({ type: 'function', function: fn });
    } else if (tool.format === 'ollama') tools.push(tool.raw);
    else addDropped(dropped, `tools (${tool.kind})`);
  }
  if (tools.length) body.tools = tools;
  // Ollama has no tool_choice: the model always decides.
  if (request.toolChoice !== undefined && request.toolChoice !== 'auto') addDropped(dropped, 'tool_choice');
  const format = request.responseFormat;
  if (format?.type === 'json_object') body.format = 'json';
  else if (format?.type === 'json_schema') body.format = format.schema;
  const opts = encodeOptions(request);
  if (Object.keys(opts).length) body.options = opts;
  const think = request.reasoning ? encodeThink(request.reasoning) : undefined;
  if (think !== undefined) body.think = think;
  if (request.user !== undefined) addDropped(dropped, 'user');
  // Explicit both ways: Ollama streams when `stream` is absent.
  body.stream = options.stream;
  if (dropped.length) request.dropped = dropped;
  return body;
}
