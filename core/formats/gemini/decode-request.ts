import {
  invalidRequest,
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
import type { DecodeContext } from '../codec.js';
import { generatedCallId } from './ids.js';
import { decodeFunctionResponse, decodeMediaPart, decodeModelParts, type GeminiPart } from './parts.js';
import { requestSchema } from './schema.js';
import { decodeThinking } from './thinking.js';
import { parseOrThrow } from '../validation.js';
import { setOwn } from '../../util/own-key.js';

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
