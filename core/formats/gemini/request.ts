import { z } from 'zod';
import {
  invalidRequest,
  type AssistantPart,
  type CanonicalMessage,
  type CanonicalRequest,
  type CanonicalTool,
  type HostedTool,
  type ResponseFormat,
  type TextPart,
  type ToolChoice,
  type ToolResultPart,
  type UserPart,
} from '../canonical.js';
import type { DecodeContext, EncodeRequestOptions } from '../codec.js';
import { generatedCallId } from './ids.js';
import {
  applySignaturePolicy,
  decodeFunctionResponse,
  decodeMediaPart,
  decodeModelParts,
  encodeFunctionResponse,
  encodeImage,
  encodeModelParts,
  sendableCallId,
  type GeminiPart,
} from './parts.js';
import { decodeThinking, encodeThinking } from './thinking.js';
import { parseOrThrow } from '../parse-or-throw.js';
import { setOwn } from '../../util/own-key.js';

// ---------------------------------------------------------------------------------------------
// Schemas (loose: Google adds fields, and clients send ones this gateway does not need).
// ---------------------------------------------------------------------------------------------

const partSchema = z.looseObject({
  text: z.string().optional(),
  thought: z.boolean().optional(),
  thoughtSignature: z.string().optional(),
  inlineData: z.looseObject({ mimeType: z.string(), data: z.string() }).optional(),
  fileData: z.looseObject({ mimeType: z.string().optional(), fileUri: z.string() }).optional(),
  functionCall: z
    .looseObject({
      name: z.string(),
      args: z.record(z.string(), z.unknown()).nullish(),
      id: z.string().optional(),
    })
    .optional(),
  functionResponse: z
    .looseObject({
      name: z.string(),
      response: z.record(z.string(), z.unknown()).nullish(),
      id: z.string().optional(),
      parts: z.array(z.looseObject({})).optional(),
    })
    .optional(),
});

const contentSchema = z.looseObject({
  role: z.enum(['user', 'model', 'function'], { error: "role must be 'user' or 'model'" }).optional(),
  parts: z.array(partSchema, { error: 'parts must be an array of Part objects' }),
});

const functionDeclarationSchema = z.looseObject({
  name: z.string().min(1),
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  parametersJsonSchema: z.record(z.string(), z.unknown()).optional(),
});

const toolSchema = z.looseObject({ functionDeclarations: z.array(functionDeclarationSchema).optional() });

const thinkingSchema = z.looseObject({
  thinkingBudget: z.number().int().optional(),
  includeThoughts: z.boolean().optional(),
  thinkingLevel: z.string().optional(),
});

const requestSchema = z.looseObject({
  contents: z.array(contentSchema, { error: "'contents' must be an array of Content objects" }),
  systemInstruction: z.union([z.string(), z.looseObject({ parts: z.array(partSchema) })]).optional(),
  tools: z.array(toolSchema).optional(),
  toolConfig: z
    .looseObject({
      functionCallingConfig: z
        .looseObject({
          mode: z.enum(['AUTO', 'ANY', 'NONE', 'VALIDATED', 'MODE_UNSPECIFIED']).optional(),
          allowedFunctionNames: z.array(z.string()).optional(),
        })
        .optional(),
    })
    .optional(),
  generationConfig: z
    .looseObject({
      temperature: z.number().min(0).max(2).optional(),
      topP: z.number().min(0).max(1).optional(),
      topK: z.number().int().positive().optional(),
      maxOutputTokens: z.number().int().positive().optional(),
      stopSequences: z.array(z.string()).optional(),
      candidateCount: z.number().int().positive().optional(),
      seed: z.number().int().optional(),
      presencePenalty: z.number().optional(),
      frequencyPenalty: z.number().optional(),
      responseMimeType: z.string().optional(),
      responseSchema: z.record(z.string(), z.unknown()).optional(),
      responseJsonSchema: z.record(z.string(), z.unknown()).optional(),
      thinkingConfig: thinkingSchema.optional(),
    })
    .optional(),
  safetySettings: z.array(z.unknown()).optional(),
  cachedContent: z.string().optional(),
});

// ---------------------------------------------------------------------------------------------
// Decode
// ---------------------------------------------------------------------------------------------

/**
 * `parameters`/`responseSchema` use Google's OpenAPI subset (`type: "OBJECT"`, `nullable`);
 * canonical tools carry JSON Schema, so types are lower-cased and `nullable` becomes a type union.
 */
export function openApiToJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(openApiToJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  const src = schema as Record<string, unknown>;
  for (const [key, value] of Object.entries(src)) {
    if (key === 'nullable') continue;
    if (key === 'type' && typeof value === 'string') out.type = value.toLowerCase();
    else if (key === 'enum' || key === 'example' || key === 'default') setOwn(out, key, value);
    else setOwn(out, key, openApiToJsonSchema(value));
  }
  if (src.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}

const HISTORY_STEM = 'h';

export function decodeGeminiRequest(body: unknown, ctx?: DecodeContext): CanonicalRequest {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw invalidRequest('The request body must be a JSON object (a GenerateContentRequest).');
  }
  if (!ctx?.model) {
    throw invalidRequest(
      "The model is missing: Gemini names it in the URL, e.g. '/v1beta/models/gemini-2.5-pro:generateContent'.",
      'model',
    );
  }
  const req = parseOrThrow(requestSchema, body);
  const dropped: string[] = [];
  const messages: CanonicalMessage[] = [];

  if (req.systemInstruction !== undefined) {
    const parts: TextPart[] =
      typeof req.systemInstruction === 'string'
        ? [{ type: 'text', text: req.systemInstruction }]
        : req.systemInstruction.parts
            .filter((p) => typeof p.text === 'string')
            .map((p) => ({ type: 'text', text: p.text ?? '' }));
    if (parts.length) messages.push({ role: 'system', content: parts });
  }

  // Gemini answers calls by name: each functionResponse takes the first unanswered call of that
  // name from the latest model turn (or the call id, when Gemini issued one).
  let pending: Array<{ id: string; name: string; answered: boolean }> = [];
  let orphan = 0;

  req.contents.forEach((content, ci) => {
    const parts = content.parts as GeminiPart[];
    if (content.role === 'model') {
      const decoded = decodeModelParts(parts, (pi) => generatedCallId(HISTORY_STEM, `${ci}_${pi}`));
      const calls = decoded.filter((p) => p.type === 'tool-call');
      if (calls.length) pending = calls.map((c) => ({ id: c.id, name: c.name, answered: false }));
      parts.forEach((p, pi) => {
        if (p.functionResponse || p.inlineData || p.fileData) dropped.push(`contents[${ci}].parts[${pi}]`);
      });
      if (decoded.length) messages.push({ role: 'assistant', content: decoded });
      return;
    }
    let user: UserPart[] | undefined;
    let tool: ToolResultPart[] | undefined;
    parts.forEach((part, pi) => {
      if (part.functionResponse) {
        const fr = part.functionResponse;
        const match =
          (fr.id && pending.find((c) => c.id === fr.id)) ||
          pending.find((c) => !c.answered && c.name === fr.name);
        if (match) match.answered = true;
        const id = match?.id ?? fr.id ?? generatedCallId(HISTORY_STEM, `orphan${orphan++}`);
        if (!tool) {
          tool = [];
          user = undefined;
          messages.push({ role: 'tool', content: tool });
        }
        tool.push(decodeFunctionResponse(fr, id));
        return;
      }
      let decoded: UserPart | undefined;
      if (typeof part.text === 'string') decoded = { type: 'text', text: part.text };
      else decoded = decodeMediaPart(part);
      if (!decoded) {
        dropped.push(`contents[${ci}].parts[${pi}]`);
        return;
      }
      if (!user) {
        user = [];
        tool = undefined;
        messages.push({ role: 'user', content: user });
      }
      user.push(decoded);
    });
  });

  const out: CanonicalRequest = { model: ctx.model, messages, stream: ctx.stream ?? false };

  const tools: Array<CanonicalTool | HostedTool> = [];
  req.tools?.forEach((tool) => {
    for (const fd of tool.functionDeclarations ?? []) {
      const parameters = (fd.parametersJsonSchema ??
        (fd.parameters ? openApiToJsonSchema(fd.parameters) : { type: 'object', properties: {} })) as Record<
        string,
        unknown
      >;
      const t: CanonicalTool = { type: 'function', name: fd.name, parameters };
      if (fd.description) t.description = fd.description;
      tools.push(t);
    }
    // googleSearch, codeExecution, urlContext, …: Google runs them; they stay Gemini-only.
    for (const [kind, value] of Object.entries(tool)) {
      if (kind === 'functionDeclarations') continue;
      tools.push({ type: 'hosted', kind, format: 'gemini', raw: { [kind]: value } });
    }
  });
  if (tools.length) out.tools = tools;

  const fcc = req.toolConfig?.functionCallingConfig;
  if (fcc?.mode) {
    const names = fcc.allowedFunctionNames ?? [];
    let choice: ToolChoice | undefined;
    if (fcc.mode === 'NONE') choice = 'none';
    else if (fcc.mode === 'ANY') {
      const only = names.length === 1 ? names[0] : undefined;
      choice = only ? { type: 'tool', name: only } : 'required';
    } else if (fcc.mode === 'AUTO' || fcc.mode === 'VALIDATED') choice = 'auto';
    if (fcc.mode === 'VALIDATED') dropped.push('toolConfig.functionCallingConfig.mode:VALIDATED');
    if (names.length > 1 || (names.length === 1 && fcc.mode !== 'ANY')) {
      dropped.push('toolConfig.functionCallingConfig.allowedFunctionNames');
    }
    if (choice) out.toolChoice = choice;
  }

  const gc = req.generationConfig;
  if (gc) {
    if (gc.temperature !== undefined) out.temperature = gc.temperature;
    if (gc.topP !== undefined) out.topP = gc.topP;
    if (gc.topK !== undefined) out.topK = gc.topK;
    if (gc.maxOutputTokens !== undefined) out.maxTokens = gc.maxOutputTokens;
    if (gc.stopSequences?.length) out.stop = gc.stopSequences;
    if (gc.seed !== undefined) out.seed = gc.seed;
    if (gc.presencePenalty !== undefined) out.presencePenalty = gc.presencePenalty;
    if (gc.frequencyPenalty !== undefined) out.frequencyPenalty = gc.frequencyPenalty;
    if (gc.candidateCount !== undefined && gc.candidateCount > 1)
      dropped.push('generationConfig.candidateCount');
    const format = decodeResponseFormat(gc, dropped);
    if (format) out.responseFormat = format;
    const reasoning = decodeThinking(gc.thinkingConfig);
    if (reasoning) out.reasoning = reasoning;
    for (const key of Object.keys(gc)) {
      if (!KNOWN_GENERATION_KEYS.has(key)) dropped.push(`generationConfig.${key}`);
    }
  }
  if (req.safetySettings) dropped.push('safetySettings');
  if (req.cachedContent) dropped.push('cachedContent');
  for (const key of Object.keys(body)) {
    if (!KNOWN_TOP_KEYS.has(key)) dropped.push(key);
  }
  if (dropped.length) out.dropped = dropped;
  return out;
}

const KNOWN_TOP_KEYS = new Set([
  'contents',
  'systemInstruction',
  'tools',
  'toolConfig',
  'generationConfig',
  'safetySettings',
  'cachedContent',
  'model',
]);
const KNOWN_GENERATION_KEYS = new Set([
  'temperature',
  'topP',
  'topK',
  'maxOutputTokens',
  'stopSequences',
  'candidateCount',
  'seed',
  'presencePenalty',
  'frequencyPenalty',
  'responseMimeType',
  'responseSchema',
  'responseJsonSchema',
  'thinkingConfig',
]);

function decodeResponseFormat(
  gc: {
    responseMimeType?: string;
    responseSchema?: Record<string, unknown>;
    responseJsonSchema?: Record<string, unknown>;
  },
  dropped: string[],
): ResponseFormat | undefined {
  const schema =
    gc.responseJsonSchema ?? (gc.responseSchema ? openApiToJsonSchema(gc.responseSchema) : undefined);
  if (gc.responseMimeType === 'application/json') {
    return schema
      ? { type: 'json_schema', schema: schema as Record<string, unknown> }
      : { type: 'json_object' };
  }
  if (gc.responseMimeType === 'text/plain') return { type: 'text' };
  if (gc.responseMimeType) dropped.push('generationConfig.responseMimeType');
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Encode (canonical → Gemini upstream)
// ---------------------------------------------------------------------------------------------

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
