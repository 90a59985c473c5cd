import type {
  AssistantPart,
  CacheControl,
  CanonicalMessage,
  CanonicalRequest,
  ImagePart,
  ReasoningPart,
  TextPart,
  ToolResultPart,
  UserPart,
} from '../canonical.js';
import type { EncodeRequestOptions } from '../codec.js';
import { parseJsonObject } from '../json.js';
import { addDropped } from '../validation.js';
import {
  anthropicEffort,
  BUDGET_FOR_EFFORT,
  DEFAULT_MAX_TOKENS,
  defaultMaxTokensWithThinking,
  MIN_THINKING_BUDGET,
} from './reasoning.js';
import { STRUCTURED_OUTPUT_TOOL } from './structured-output.js';

type Json = Record<string, unknown>;
interface WireMessage {
  role: 'user' | 'assistant';
  content: Json[];
}

/** Anthropic tool ids must match ^[a-zA-Z0-9_-]+$; other vendors use `.` and `:` (Kimi: `functions.x:0`). */
export function toolUseId(id: string): string {
  return id.replace(/[^a-zA-Z0-9_-]/g, '_') || 'toolu_missing';
}

function withCache(block: Json, cc: CacheControl | undefined): Json {
  if (cc) block.cache_control = cc.ttl ? { type: 'ephemeral', ttl: cc.ttl } : { type: 'ephemeral' };
  return block;
}

function encodeImage(image: ImagePart): Json {
  const source =
    image.source.kind === 'base64'
      ? { type: 'base64', media_type: image.source.mediaType, data: image.source.data }
      : { type: 'url', url: image.source.url };
  return withCache({ type: 'image', source }, image.cacheControl);
}

/** Empty text blocks are rejected by the API ("text content blocks must be non-empty"). */
function encodeText(part: TextPart): Json | undefined {
  return part.text ? withCache({ type: 'text', text: part.text }, part.cacheControl) : undefined;
}

function encodeToolResult(part: ToolResultPart): Json {
  const block: Json = { type: 'tool_result', tool_use_id: toolUseId(part.toolCallId) };
  const content = part.content
    .map((p) => (p.type === 'text' ? encodeText(p) : encodeImage(p)))
    .filter((b) => b);
  if (content.length) block.content = content;
  if (part.isError) block.is_error = true;
  return withCache(block, part.cacheControl);
}

/**
 * Signature policy: a thinking block is replayed only with the signature Anthropic issued
 * for it, byte for byte. Reasoning from any other origin has no valid signature, and an
 * unsigned or re-signed block is rejected ("Invalid signature in thinking block"), so it is
 * left out; its text is not smuggled into the answer either.
 */
function encodeReasoning(part: ReasoningPart): Json | undefined {
  if (part.origin !== 'anthropic') return undefined;
  if (part.redactedData) return { type: 'redacted_thinking', data: part.redactedData };
  if (part.signature) return { type: 'thinking', thinking: part.text, signature: part.signature };
  return undefined;
}

function encodeAssistant(parts: AssistantPart[]): Json[] {
  const out: Json[] = [];
  for (const part of parts) {
    let block: Json | undefined;
    if (part.type === 'text') block = encodeText(part);
    else if (part.type === 'reasoning') block = encodeReasoning(part);
    else {
      block = {
        type: 'tool_use',
        id: toolUseId(part.id),
        name: part.name,
        // The API wants an object; arguments a model produced as broken JSON become {}.
        input: parseJsonObject(part.arguments) ?? {},
      };
    }
    if (block) out.push(block);
  }
  return out;
}

function encodeUser(parts: UserPart[]): Json[] {
  return parts
    .map((p) =>
      p.type === 'text' ? encodeText(p) : p.type === 'image' ? encodeImage(p) : encodeToolResult(p),
    )
    .filter((b): b is Json => b !== undefined);
}

/** tool_result blocks must open the user turn that answers the tool_use; text goes after them. */
function toolResultsFirst(blocks: Json[]): Json[] {
  return [
    ...blocks.filter((b) => b.type === 'tool_result'),
    ...blocks.filter((b) => b.type !== 'tool_result'),
  ];
}

function encodeMessages(messages: CanonicalMessage[]): { system: Json[]; messages: WireMessage[] } {
  const system: Json[] = [];
  const out: WireMessage[] = [];
  const append = (role: WireMessage['role'], content: Json[]) => {
    if (!content.length) return;
    const last = out.at(-1);
    // Consecutive same-role turns (OpenAI tool messages, a dropped empty assistant turn) merge.
    if (last && last.role === role) last.content.push(...content);
    else out.push({ role, content });
  };
  for (const message of messages) {
    if (message.role === 'system') {
      // Every system message goes to the top-level `system`, the one place all Anthropic
      // endpoints accept it; cache_control breakpoints stay on their blocks.
      for (const part of message.content) {
        const block = encodeText(part);
        if (block) system.push(block);
      }
    } else if (message.role === 'assistant') append('assistant', encodeAssistant(message.content));
    else if (message.role === 'tool') append('user', message.content.map(encodeToolResult));
    else append('user', encodeUser(message.content));
  }
  for (const m of out) if (m.role === 'user') m.content = toolResultsFirst(m.content);
  return { system, messages: out };
}

/** Why thinking cannot be enabled for this request, if it cannot. */
function thinkingConflict(messages: WireMessage[], forced: boolean): string | undefined {
  if (forced) return 'tool_choice forces a tool, which Anthropic does not allow with thinking';
  const lastAssistant = messages.findLast((m) => m.role === 'assistant');
  if (lastAssistant?.content.some((b) => b.type === 'tool_use')) {
    const first = lastAssistant.content[0]?.type;
    if (first !== 'thinking' && first !== 'redacted_thinking') {
      return 'the last assistant tool-use turn has no signed thinking block';
    }
  }
  return undefined;
}

function encodeTools(request: CanonicalRequest, dropped: string[]): Json[] {
  const tools: Json[] = [];
  for (const tool of request.tools ?? []) {
    if (tool.type === 'function') {
      const block: Json = { name: tool.name, input_schema: tool.parameters };
      if (tool.description) block.description = tool.description;
      tools.push(withCache(block, tool.cacheControl));
    } else if (tool.format === 'anthropic') tools.push(tool.raw);
    else addDropped(dropped, `tools (${tool.kind})`);
  }
  return tools;
}

/**
 * The caller's tool choice, plus the structured-output tool when a JSON answer is asked for
 * (appended to `tools`, which is why they are passed in).
 */
function encodeToolChoice(request: CanonicalRequest, tools: Json[]): Json | undefined {
  const callerTools = tools.length > 0;
  let toolChoice: Json | undefined;
  const choice = request.toolChoice;
  if (callerTools && choice) {
    if (choice === 'required') toolChoice = { type: 'any' };
    else if (typeof choice === 'string') toolChoice = { type: choice };
    else toolChoice = { type: 'tool', name: choice.name };
  }
  const format = request.responseFormat;
  if (format && format.type !== 'text') {
    const schema = format.type === 'json_schema' ? format.schema : { type: 'object' };
    tools.push({
      name: STRUCTURED_OUTPUT_TOOL,
      description:
        (format.type === 'json_schema' ? format.description : undefined) ??
        'Give the final answer by calling this tool; its input is the answer.',
      input_schema: schema,
    });
    // With the caller's own tools the model must stay free to call them first.
    if (!callerTools) toolChoice = { type: 'tool', name: STRUCTURED_OUTPUT_TOOL };
  }
  if (toolChoice && request.parallelToolCalls === false && toolChoice.type !== 'none') {
    toolChoice.disable_parallel_tool_use = true;
  } else if (!toolChoice && callerTools && request.parallelToolCalls === false) {
    toolChoice = { type: 'auto', disable_parallel_tool_use: true };
  }
  return toolChoice;
}

interface EncodedThinking {
  thinking?: Json;
  effort?: string;
  maxTokens: number;
}

/**
 * Reasoning → `thinking` (+ `output_config.effort`), and the max_tokens that goes with it:
 * a budget must stay below max_tokens, and thinking is given up when the request cannot take it.
 */
function encodeThinking(
  request: CanonicalRequest,
  messages: WireMessage[],
  toolChoice: Json | undefined,
  dropped: string[],
): EncodedThinking {
  let thinking: Json | undefined;
  let effort: string | undefined;
  let budget: number | undefined;
  const r = request.reasoning;
  if (r) {
    if (r.enabled === false || r.effort === 'none') thinking = { type: 'disabled' };
    else if (r.adaptive) {
      thinking = { type: 'adaptive' };
      effort = r.effort && anthropicEffort(r.effort);
    } else if (r.budgetTokens !== undefined || r.effort || r.enabled) {
      budget = r.budgetTokens ?? BUDGET_FOR_EFFORT[r.effort ?? 'medium'];
      // An Anthropic caller may send both a budget and an effort; pass the effort on too.
      if (r.budgetTokens !== undefined && r.effort) effort = anthropicEffort(r.effort);
    }
  }
  let maxTokens = request.maxTokens;
  if (budget !== undefined) {
    if (maxTokens === undefined) maxTokens = defaultMaxTokensWithThinking(budget);
    // budget_tokens must be below max_tokens.
    else if (budget >= maxTokens) budget = maxTokens - 1;
    if (budget < MIN_THINKING_BUDGET) addDropped(dropped, 'reasoning');
    else thinking = { type: 'enabled', budget_tokens: budget };
  }
  const thinkingOn = thinking !== undefined && thinking.type !== 'disabled';
  if (thinkingOn) {
    const forced = toolChoice?.type === 'any' || toolChoice?.type === 'tool';
    if (thinkingConflict(messages, forced)) {
      addDropped(dropped, 'reasoning');
      thinking = undefined;
      effort = undefined;
    }
  }
  maxTokens ??= thinking?.type === 'adaptive' ? 32000 : DEFAULT_MAX_TOKENS;
  return { thinking, effort, maxTokens };
}

/** With thinking on, Anthropic only accepts temperature 1, top_p ≥ 0.95 and no top_k. */
function encodeSampling(
  request: CanonicalRequest,
  body: Json,
  samplingLocked: boolean,
  dropped: string[],
): void {
  if (request.temperature !== undefined) {
    if (samplingLocked && request.temperature !== 1) addDropped(dropped, 'temperature');
    else body.temperature = request.temperature;
  }
  if (request.topP !== undefined) {
    if (samplingLocked && request.topP < 0.95) addDropped(dropped, 'top_p');
    else body.top_p = request.topP;
  }
  if (request.topK !== undefined) {
    if (samplingLocked) addDropped(dropped, 'top_k');
    else body.top_k = request.topK;
  }
}

export function encodeAnthropicRequest(request: CanonicalRequest, options: EncodeRequestOptions): Json {
  const dropped = request.dropped ?? [];
  const { system, messages } = encodeMessages(request.messages);
  const tools = encodeTools(request, dropped);
  const toolChoice = encodeToolChoice(request, tools);
  const { thinking, effort, maxTokens } = encodeThinking(request, messages, toolChoice, dropped);

  const body: Json = { model: options.model, max_tokens: maxTokens, messages };
  if (system.length) body.system = system;
  if (tools.length) body.tools = tools;
  if (toolChoice) body.tool_choice = toolChoice;
  if (thinking) body.thinking = thinking;
  if (effort) body.output_config = { effort };
  encodeSampling(request, body, thinking !== undefined && thinking.type !== 'disabled', dropped);
  if (request.stop?.length) body.stop_sequences = request.stop;
  if (request.user !== undefined) body.metadata = { user_id: request.user };
  if (request.seed !== undefined) addDropped(dropped, 'seed');
  if (request.presencePenalty !== undefined) addDropped(dropped, 'presence_penalty');
  if (request.frequencyPenalty !== undefined) addDropped(dropped, 'frequency_penalty');
  body.stream = options.stream;
  if (dropped.length) request.dropped = dropped;
  return body;
}
