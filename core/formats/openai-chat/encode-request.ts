import type {
  CanonicalMessage,
  CanonicalRequest,
  ImagePart,
  ReasoningConfig,
  ReasoningEffort,
  ReasoningPart,
  TextPart,
  ToolResultPart,
  UserPart,
} from '../canonical.js';
import type { EncodeRequestOptions } from '../codec.js';
import { addDropped } from '../validation.js';
import { chatAssistantMessage } from './response.js';

type Json = Record<string, unknown>;

export function imageUrlOf(image: ImagePart): string {
  return image.source.kind === 'url'
    ? image.source.url
    : `data:${image.source.mediaType};base64,${image.source.data}`;
}

function encodeImage(image: ImagePart): Json {
  const imageUrl: Json = { url: imageUrlOf(image) };
  if (image.detail) imageUrl.detail = image.detail;
  return { type: 'image_url', image_url: imageUrl };
}

const joinText = (parts: TextPart[]): string => parts.map((p) => p.text).join('\n\n');

/**
 * User content as a plain string when it is only text (the form every OpenAI-compatible
 * server accepts), otherwise as parts. `cache_control` is not sent: strict servers reject it.
 */
function encodeUserContent(parts: Array<TextPart | ImagePart>): string | Json[] {
  if (parts.every((p) => p.type === 'text')) return joinText(parts as TextPart[]);
  return parts.map((p) => (p.type === 'text' ? { type: 'text', text: p.text } : encodeImage(p)));
}

/**
 * Reasoning is sent back as `reasoning_content`, the de-facto field of DeepSeek, Kimi, Qwen,
 * vLLM and xAI; DeepSeek's thinking mode answers 400 when it is missing from tool-call turns.
 * Reasoning that carries another vendor's opaque token (an Anthropic signature, Responses
 * encrypted content, a Gemini thought signature) was produced by that vendor's model and
 * stays out: it means nothing to this upstream and would only add an unknown field.
 */
const ownReasoning = (p: ReasoningPart): boolean => p.origin === undefined || p.origin === 'openai-chat';

/** One `tool` message per result; OpenAI tool messages carry text only, so images follow as user content. */
function encodeToolResults(results: ToolResultPart[]): { messages: Json[]; images: ImagePart[] } {
  const images: ImagePart[] = [];
  const messages = results.map((r) => {
    const texts = r.content.filter((p): p is TextPart => p.type === 'text');
    images.push(...r.content.filter((p): p is ImagePart => p.type === 'image'));
    return { role: 'tool', tool_call_id: r.toolCallId, content: joinText(texts) };
  });
  return { messages, images };
}

function encodeMessages(messages: CanonicalMessage[]): Json[] {
  const out: Json[] = [];
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        // `developer` is OpenAI-only; every compatible server understands `system`, and OpenAI
        // treats `system` as `developer` on models that want the latter.
        out.push({ role: 'system', content: joinText(message.content) });
        break;
      case 'assistant':
        out.push(chatAssistantMessage(message.content, ownReasoning));
        break;
      case 'tool': {
        const { messages: toolMessages, images } = encodeToolResults(message.content);
        out.push(...toolMessages);
        if (images.length) out.push({ role: 'user', content: encodeUserContent(images) });
        break;
      }
      case 'user': {
        // Anthropic-style user turns mix tool results and text: the tool messages must come
        // right after the assistant's tool_calls, the rest of the turn after them.
        const results = message.content.filter((p): p is ToolResultPart => p.type === 'tool-result');
        const rest = message.content.filter(
          (p): p is Exclude<UserPart, ToolResultPart> => p.type !== 'tool-result',
        );
        const { messages: toolMessages, images } = encodeToolResults(results);
        out.push(...toolMessages);
        const content = [...rest, ...images];
        if (content.length || !results.length)
          out.push({ role: 'user', content: encodeUserContent(content) });
        break;
      }
    }
  }
  return out;
}

/** A thinking budget (Anthropic callers) expressed on OpenAI's effort scale. */
export function effortForBudget(budget: number): ReasoningEffort {
  if (budget < 4096) return 'low';
  if (budget < 16000) return 'medium';
  return 'high';
}

function encodeReasoningEffort(reasoning: ReasoningConfig): string | undefined {
  if (reasoning.enabled === false) return reasoning.effort === 'none' ? 'none' : undefined;
  // OpenAI's effort scale is the canonical one up to xhigh, where it stops.
  if (reasoning.effort) return reasoning.effort === 'max' ? 'xhigh' : reasoning.effort;
  if (reasoning.budgetTokens !== undefined) return effortForBudget(reasoning.budgetTokens);
  return undefined;
}

export function encodeChatRequest(request: CanonicalRequest, options: EncodeRequestOptions): Json {
  const body: Json = { model: options.model, messages: encodeMessages(request.messages) };
  const dropped = request.dropped ?? [];

  const functionTools: Json[] = [];
  for (const tool of request.tools ?? []) {
    if (tool.type === 'function') {
      const fn: Json = { name: tool.name, parameters: tool.parameters };
      if (tool.description) fn.description = tool.description;
      if (tool.strict !== undefined) fn.strict = tool.strict;
      functionTools.push({ type: 'function', function: fn });
    } else if (tool.format === 'openai-chat') functionTools.push(tool.raw);
    else addDropped(dropped, `tools (${tool.kind})`);
  }
  if (functionTools.length) {
    body.tools = functionTools;
    const choice = request.toolChoice;
    if (choice)
      body.tool_choice =
        typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
    if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  }

  const format = request.responseFormat;
  if (format?.type === 'json_object') body.response_format = { type: 'json_object' };
  else if (format?.type === 'json_schema') {
    const spec: Json = { name: format.name ?? 'response', schema: format.schema };
    if (format.description) spec.description = format.description;
    if (format.strict !== undefined) spec.strict = format.strict;
    body.response_format = { type: 'json_schema', json_schema: spec };
  }

  const effort = request.reasoning ? encodeReasoningEffort(request.reasoning) : undefined;
  if (effort) body.reasoning_effort = effort;
  if (request.maxTokens !== undefined) {
    // OpenAI reasoning models reject `max_tokens` ("Use 'max_completion_tokens' instead");
    // older compatible servers only know `max_tokens`.
    body[effort ? 'max_completion_tokens' : 'max_tokens'] = request.maxTokens;
  }
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.topK !== undefined) addDropped(dropped, 'top_k');
  if (request.stop?.length) body.stop = request.stop;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.presencePenalty !== undefined) body.presence_penalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) body.frequency_penalty = request.frequencyPenalty;
  if (request.user !== undefined) body.user = request.user;

  body.stream = options.stream;
  // The gateway needs usage for accounting whether or not the caller asked for it.
  if (options.stream) body.stream_options = { include_usage: true };
  if (dropped.length) request.dropped = dropped;
  return body;
}
