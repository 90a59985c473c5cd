import type { CanonicalRequest, ImagePart, ReasoningConfig, TextPart, ToolResultPart } from '../canonical.js';
import type { EncodeRequestOptions } from '../codec.js';

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

type Item = Record<string, unknown>;
type AssistantPart = Extract<CanonicalRequest['messages'][number], { role: 'assistant' }>['content'][number];

/** The conversation as Responses input items, plus what only the conversation tells. */
interface EncodedInput {
  input: Item[];
  instructions: string[];
  carriesEncryptedReasoning: boolean;
}

function encodeInput(messages: CanonicalRequest['messages'], dropped: string[]): EncodedInput {
  const encoded: EncodedInput = { input: [], instructions: [], carriesEncryptedReasoning: false };
  const { input } = encoded;
  let leading = true;
  for (const message of messages) {
    switch (message.role) {
      case 'system': {
        // Separate system blocks (Anthropic, Gemini parts) stay separate paragraphs.
        const text = message.content.map((p) => p.text).join('\n\n');
        // Only the leading, non-developer system prompt is `instructions`; developer messages and
        // later system messages keep their place in the conversation.
        if (leading && !message.developer) encoded.instructions.push(text);
        else input.push({ type: 'message', role: message.developer ? 'developer' : 'system', content: text });
        continue;
      }
      case 'user': {
        leading = false;
        const content = message.content.filter((p): p is TextPart | ImagePart => p.type !== 'tool-result');
        for (const part of message.content) {
          if (part.type === 'tool-result') input.push(functionCallOutput(part));
        }
        if (content.length)
          input.push({ type: 'message', role: 'user', content: encodeUserContent(content, 'user') });
        continue;
      }
      case 'tool':
        leading = false;
        for (const part of message.content) input.push(functionCallOutput(part));
        continue;
      case 'assistant':
        leading = false;
        encodeAssistantParts(message.content, encoded, dropped);
        continue;
    }
  }
  return encoded;
}

function functionCallOutput(part: ToolResultPart): Item {
  return { type: 'function_call_output', call_id: part.toolCallId, output: encodeToolOutput(part) };
}

/** Consecutive text parts share one assistant message; reasoning and calls are items of their own. */
function encodeAssistantParts(parts: AssistantPart[], encoded: EncodedInput, dropped: string[]): void {
  let text: Item[] | undefined;
  for (const part of parts) {
    if (part.type === 'text') {
      if (!text) {
        text = [];
        encoded.input.push({ type: 'message', role: 'assistant', content: text });
      }
      text.push({ type: 'output_text', text: part.text, annotations: [] });
      continue;
    }
    text = undefined;
    if (part.type === 'reasoning') {
      const item = reasoningItem(part, dropped);
      if (!item) continue;
      if (item.encrypted_content) encoded.carriesEncryptedReasoning = true;
      encoded.input.push(item);
      continue;
    }
    const call: Item = {
      type: 'function_call',
      call_id: part.id,
      name: part.name,
      arguments: part.arguments,
    };
    if (part.itemId && part.origin === 'openai-responses') call.id = part.itemId;
    encoded.input.push(call);
  }
}

function reasoningItem(
  part: Extract<AssistantPart, { type: 'reasoning' }>,
  dropped: string[],
): Item | undefined {
  // Another provider's reasoning cannot be replayed as an OpenAI reasoning item.
  if (part.origin !== 'openai-responses' || !part.itemId) {
    if (part.text || part.signature || part.thoughtSignature || part.redactedData) {
      dropped.push(`reasoning (origin ${part.origin ?? 'unknown'})`);
    }
    return undefined;
  }
  const item: Item = {
    type: 'reasoning',
    id: part.itemId,
    summary: part.text ? [{ type: 'summary_text', text: part.text }] : [],
  };
  if (part.encryptedContent) item.encrypted_content = part.encryptedContent;
  return item;
}

function encodeTools(request: CanonicalRequest, dropped: string[]): Item[] {
  const tools: Item[] = [];
  for (const tool of request.tools ?? []) {
    if (tool.type === 'function') {
      // Responses treats a missing `strict` as true, which rejects most non-strict schemas:
      // say what the caller meant.
      const out: Item = {
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
  return tools;
}

/** Tool choice and sampling; the settings Responses has no field for are reported as dropped. */
function encodeGeneration(request: CanonicalRequest, body: Item, dropped: string[]): void {
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
}

function encodeReasoning(reasoning: ReasoningConfig): Item | undefined {
  const out: Item = {};
  const effort = encodeEffort(reasoning);
  if (effort) out.effort = effort;
  const summary = reasoning.summary ?? (reasoning.includeThoughts ? 'auto' : undefined);
  if (summary && summary !== 'none' && reasoning.enabled !== false) out.summary = summary;
  return Object.keys(out).length ? out : undefined;
}

function encodeTextFormat(f: NonNullable<CanonicalRequest['responseFormat']>): Item {
  if (f.type !== 'json_schema') return { format: { type: f.type } };
  const format: Item = { type: 'json_schema', name: f.name ?? 'response', schema: f.schema };
  if (f.strict != null) format.strict = f.strict;
  if (f.description) format.description = f.description;
  return { format };
}

export function encodeResponsesRequestWithReport(
  request: CanonicalRequest,
  options: EncodeRequestOptions,
): EncodedRequest {
  const dropped: string[] = [];
  const { input, instructions, carriesEncryptedReasoning } = encodeInput(request.messages, dropped);
  const body: Item = { model: options.model };
  if (instructions.length) body.instructions = instructions.join('\n\n');
  body.input = input;
  const tools = encodeTools(request, dropped);
  if (tools.length) body.tools = tools;
  encodeGeneration(request, body, dropped);
  const wantsReasoning = !!request.reasoning && request.reasoning.enabled !== false;
  const reasoning = request.reasoning && encodeReasoning(request.reasoning);
  if (reasoning) body.reasoning = reasoning;
  if (request.responseFormat) body.text = encodeTextFormat(request.responseFormat);
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
