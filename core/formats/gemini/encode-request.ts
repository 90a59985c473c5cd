import {
  invalidRequest,
  type AssistantPart,
  type CanonicalRequest,
  type ToolResultPart,
} from '../canonical.js';
import type { EncodeRequestOptions } from '../codec.js';
import {
  applySignaturePolicy,
  encodeFunctionResponse,
  encodeImage,
  encodeModelParts,
  sendableCallId,
  type GeminiPart,
} from './parts.js';
import { encodeThinking } from './thinking.js';

export interface EncodedGeminiRequest {
  body: Record<string, unknown>;
  /** What the canonical request carried that Gemini cannot take, for logs and docs. */
  dropped: string[];
}

type Turn = { role: 'user' | 'model'; parts: GeminiPart[] };
type Message = CanonicalRequest['messages'][number];

/**
 * Messages → systemInstruction parts and alternating turns. The calls seen so far are kept
 * because a tool result must name its function, and only the call it answers knows it.
 */
class ConversationEncoder {
  readonly system: Array<{ text: string }> = [];
  readonly contents: Turn[] = [];
  private readonly calls = new Map<string, { name: string; sendId?: string }>();

  constructor(private readonly dropped: string[]) {}

  encode(messages: Message[]): void {
    for (const message of messages) {
      switch (message.role) {
        case 'system':
          // Gemini has a single system instruction; later system/developer messages join it.
          for (const p of message.content) this.system.push({ text: p.text });
          break;
        case 'assistant':
          this.assistant(message.content as AssistantPart[]);
          break;
        case 'tool':
          this.append(
            'user',
            message.content.map((p) => this.toolResult(p)),
          );
          break;
        case 'user':
          this.append(
            'user',
            message.content.map((p) =>
              p.type === 'text' ? { text: p.text } : p.type === 'image' ? encodeImage(p) : this.toolResult(p),
            ),
          );
          break;
      }
    }
    for (const turn of this.contents) if (turn.role === 'model') applySignaturePolicy(turn.parts);
  }

  private assistant(content: AssistantPart[]): void {
    for (const p of content) {
      if (p.type === 'tool-call') {
        const entry: { name: string; sendId?: string } = { name: p.name };
        const sendId = sendableCallId(p);
        if (sendId) entry.sendId = sendId;
        this.calls.set(p.id, entry);
      }
      if (p.type === 'reasoning' && p.origin !== 'gemini' && (p.text || p.encryptedContent || p.signature)) {
        this.dropped.push(`reasoning (origin ${p.origin ?? 'unknown'})`);
      }
    }
    this.append('model', encodeModelParts(content, true));
  }

  private append(role: 'user' | 'model', parts: GeminiPart[]): void {
    if (!parts.length) return;
    const last = this.contents[this.contents.length - 1];
    // Gemini wants alternating turns; consecutive same-role messages (e.g. an OpenAI tool
    // message per result followed by a user message) become one turn.
    if (last?.role === role) last.parts.push(...parts);
    else this.contents.push({ role, parts: [...parts] });
  }

  private toolResult(part: ToolResultPart): GeminiPart {
    const call = this.calls.get(part.toolCallId);
    const name = part.name ?? call?.name;
    if (!name) {
      throw invalidRequest(
        `Tool result '${part.toolCallId}' answers no earlier tool call, and Gemini needs the function name.`,
        'messages',
      );
    }
    return encodeFunctionResponse(part, name, call?.sendId);
  }
}

/** Function declarations in one tools entry, Gemini's own hosted tools after it. */
function encodeTools(
  request: CanonicalRequest,
  dropped: string[],
): { tools: Array<Record<string, unknown>>; declares: boolean } {
  const declarations: Array<Record<string, unknown>> = [];
  const hosted: Array<Record<string, unknown>> = [];
  for (const tool of request.tools ?? []) {
    if (tool.type === 'function') {
      // parametersJsonSchema takes full JSON Schema, so schemas pass without down-conversion.
      const fd: Record<string, unknown> = { name: tool.name, parametersJsonSchema: tool.parameters };
      if (tool.description) fd.description = tool.description;
      declarations.push(fd);
    } else if (tool.format === 'gemini') {
      hosted.push(tool.raw);
    } else {
      dropped.push(`tools:${tool.kind}`);
    }
  }
  const tools: Array<Record<string, unknown>> = [];
  if (declarations.length) tools.push({ functionDeclarations: declarations });
  tools.push(...hosted);
  return { tools, declares: declarations.length > 0 };
}

function encodeToolConfig(c: NonNullable<CanonicalRequest['toolChoice']>): Record<string, unknown> {
  const config: Record<string, unknown> =
    c === 'auto'
      ? { mode: 'AUTO' }
      : c === 'none'
        ? { mode: 'NONE' }
        : c === 'required'
          ? { mode: 'ANY' }
          : { mode: 'ANY', allowedFunctionNames: [c.name] };
  return { functionCallingConfig: config };
}

function encodeGenerationConfig(request: CanonicalRequest, model: string): Record<string, unknown> {
  const gc: Record<string, unknown> = {};
  if (request.temperature != null) gc.temperature = request.temperature;
  if (request.topP != null) gc.topP = request.topP;
  if (request.topK != null) gc.topK = request.topK;
  if (request.maxTokens != null) gc.maxOutputTokens = request.maxTokens;
  if (request.stop?.length) gc.stopSequences = request.stop;
  if (request.seed != null) gc.seed = request.seed;
  if (request.presencePenalty != null) gc.presencePenalty = request.presencePenalty;
  if (request.frequencyPenalty != null) gc.frequencyPenalty = request.frequencyPenalty;
  const format = request.responseFormat;
  if (format?.type === 'json_object') gc.responseMimeType = 'application/json';
  if (format?.type === 'json_schema') {
    gc.responseMimeType = 'application/json';
    gc.responseJsonSchema = format.schema;
  }
  const thinking = encodeThinking(request.reasoning, model);
  if (thinking) gc.thinkingConfig = thinking;
  return gc;
}

export function encodeGeminiRequestWithReport(
  request: CanonicalRequest,
  options: EncodeRequestOptions,
): EncodedGeminiRequest {
  const dropped: string[] = [];
  const conversation = new ConversationEncoder(dropped);
  conversation.encode(request.messages);
  const body: Record<string, unknown> = { contents: conversation.contents };
  if (conversation.system.length) body.systemInstruction = { parts: conversation.system };
  const { tools, declares } = encodeTools(request, dropped);
  if (tools.length) body.tools = tools;
  if (request.toolChoice && declares) body.toolConfig = encodeToolConfig(request.toolChoice);
  if (request.parallelToolCalls != null) dropped.push('parallelToolCalls');
  const gc = encodeGenerationConfig(request, options.model);
  if (Object.keys(gc).length) body.generationConfig = gc;
  if (request.user) dropped.push('user');
  return { body, dropped };
}

export function encodeGeminiRequest(
  request: CanonicalRequest,
  options: EncodeRequestOptions,
): Record<string, unknown> {
  return encodeGeminiRequestWithReport(request, options).body;
}
