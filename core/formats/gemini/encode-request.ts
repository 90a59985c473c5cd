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

export function encodeGeminiRequestWithReport(
  request: CanonicalRequest,
  options: EncodeRequestOptions,
): EncodedGeminiRequest {
  const dropped: string[] = [];
  const system: Array<{ text: string }> = [];
  const contents: Array<{ role: 'user' | 'model'; parts: GeminiPart[] }> = [];
  const calls = new Map<string, { name: string; sendId?: string }>();

  const append = (role: 'user' | 'model', parts: GeminiPart[]) => {
    if (!parts.length) return;
    const last = contents[contents.length - 1];
    // Gemini wants alternating turns; consecutive same-role messages (e.g. an OpenAI tool
    // message per result followed by a user message) become one turn.
    if (last?.role === role) last.parts.push(...parts);
    else contents.push({ role, parts: [...parts] });
  };

  const toolResult = (part: ToolResultPart): GeminiPart => {
    const call = calls.get(part.toolCallId);
    const name = part.name ?? call?.name;
    if (!name) {
      throw invalidRequest(
        `Tool result '${part.toolCallId}' answers no earlier tool call, and Gemini needs the function name.`,
        'messages',
      );
    }
    return encodeFunctionResponse(part, name, call?.sendId);
  };

  for (const message of request.messages) {
    switch (message.role) {
      case 'system':
        // Gemini has a single system instruction; later system/developer messages join it.
        for (const p of message.content) system.push({ text: p.text });
        break;
      case 'assistant': {
        for (const p of message.content) {
          if (p.type === 'tool-call') {
            const entry: { name: string; sendId?: string } = { name: p.name };
            const sendId = sendableCallId(p);
            if (sendId) entry.sendId = sendId;
            calls.set(p.id, entry);
          }
          if (
            p.type === 'reasoning' &&
            p.origin !== 'gemini' &&
            (p.text || p.encryptedContent || p.signature)
          ) {
            dropped.push(`reasoning (origin ${p.origin ?? 'unknown'})`);
          }
        }
        append('model', encodeModelParts(message.content as AssistantPart[], true));
        break;
      }
      case 'tool':
        append('user', message.content.map(toolResult));
        break;
      case 'user':
        append(
          'user',
          message.content.map((p) =>
            p.type === 'text' ? { text: p.text } : p.type === 'image' ? encodeImage(p) : toolResult(p),
          ),
        );
        break;
    }
  }
  for (const turn of contents) if (turn.role === 'model') applySignaturePolicy(turn.parts);

  const body: Record<string, unknown> = { contents };
  if (system.length) body.systemInstruction = { parts: system };

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
  if (tools.length) body.tools = tools;

  if (request.toolChoice && declarations.length) {
    const c = request.toolChoice;
    const config: Record<string, unknown> =
      c === 'auto'
        ? { mode: 'AUTO' }
        : c === 'none'
          ? { mode: 'NONE' }
          : c === 'required'
            ? { mode: 'ANY' }
            : { mode: 'ANY', allowedFunctionNames: [c.name] };
    body.toolConfig = { functionCallingConfig: config };
  }
  if (request.parallelToolCalls != null) dropped.push('parallelToolCalls');

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
  const thinking = encodeThinking(request.reasoning, options.model);
  if (thinking) gc.thinkingConfig = thinking;
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
