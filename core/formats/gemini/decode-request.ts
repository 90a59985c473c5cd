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
import type { z } from 'zod';
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

type GeminiRequest = z.output<typeof requestSchema>;

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
  const system = decodeSystem(req.systemInstruction);
  if (system) messages.push(system);
  new ContentsDecoder(messages, dropped).decode(req.contents);

  const out: CanonicalRequest = { model: ctx.model, messages, stream: ctx.stream ?? false };
  const tools = decodeTools(req.tools);
  if (tools.length) out.tools = tools;
  const choice = decodeToolChoice(req.toolConfig?.functionCallingConfig, dropped);
  if (choice) out.toolChoice = choice;
  if (req.generationConfig) decodeGeneration(req.generationConfig, out, dropped);
  if (req.safetySettings) dropped.push('safetySettings');
  if (req.cachedContent) dropped.push('cachedContent');
  for (const key of Object.keys(body)) {
    if (!KNOWN_TOP_KEYS.has(key)) dropped.push(key);
  }
  if (dropped.length) out.dropped = dropped;
  return out;
}

function decodeSystem(system: GeminiRequest['systemInstruction']): CanonicalMessage | undefined {
  if (system === undefined) return undefined;
  const parts: TextPart[] =
    typeof system === 'string'
      ? [{ type: 'text', text: system }]
      : system.parts
          .filter((p) => typeof p.text === 'string')
          .map((p) => ({ type: 'text', text: p.text ?? '' }));
  return parts.length ? { role: 'system', content: parts } : undefined;
}

/**
 * Gemini answers calls by name: each functionResponse takes the first unanswered call of that
 * name from the latest model turn (or the call id, when Gemini issued one), so the turns are
 * decoded in order with the latest model turn's calls at hand.
 */
class ContentsDecoder {
  private pending: Array<{ id: string; name: string; answered: boolean }> = [];
  private orphan = 0;
  private user: UserPart[] | undefined;
  private tool: ToolResultPart[] | undefined;

  constructor(
    private readonly messages: CanonicalMessage[],
    private readonly dropped: string[],
  ) {}

  decode(contents: GeminiRequest['contents']): void {
    contents.forEach((content, ci) => {
      const parts = content.parts as GeminiPart[];
      if (content.role === 'model') this.modelTurn(parts, ci);
      else this.userTurn(parts, ci);
    });
  }

  private modelTurn(parts: GeminiPart[], ci: number): void {
    const decoded = decodeModelParts(parts, (pi) => generatedCallId(HISTORY_STEM, `${ci}_${pi}`));
    const calls = decoded.filter((p) => p.type === 'tool-call');
    if (calls.length) this.pending = calls.map((c) => ({ id: c.id, name: c.name, answered: false }));
    parts.forEach((p, pi) => {
      if (p.functionResponse || p.inlineData || p.fileData) this.dropped.push(`contents[${ci}].parts[${pi}]`);
    });
    if (decoded.length) this.messages.push({ role: 'assistant', content: decoded });
  }

  /** Function responses and other parts become alternating tool and user messages, in order. */
  private userTurn(parts: GeminiPart[], ci: number): void {
    this.user = undefined;
    this.tool = undefined;
    parts.forEach((part, pi) => {
      if (part.functionResponse) {
        this.functionResponse(part.functionResponse);
        return;
      }
      const decoded: UserPart | undefined =
        typeof part.text === 'string' ? { type: 'text', text: part.text } : decodeMediaPart(part);
      if (!decoded) {
        this.dropped.push(`contents[${ci}].parts[${pi}]`);
        return;
      }
      if (!this.user) {
        this.user = [];
        this.tool = undefined;
        this.messages.push({ role: 'user', content: this.user });
      }
      this.user.push(decoded);
    });
  }

  private functionResponse(fr: NonNullable<GeminiPart['functionResponse']>): void {
    const match =
      (fr.id && this.pending.find((c) => c.id === fr.id)) ||
      this.pending.find((c) => !c.answered && c.name === fr.name);
    if (match) match.answered = true;
    const id = match?.id ?? fr.id ?? generatedCallId(HISTORY_STEM, `orphan${this.orphan++}`);
    if (!this.tool) {
      this.tool = [];
      this.user = undefined;
      this.messages.push({ role: 'tool', content: this.tool });
    }
    this.tool.push(decodeFunctionResponse(fr, id));
  }
}

function decodeTools(tools: GeminiRequest['tools']): Array<CanonicalTool | HostedTool> {
  const out: Array<CanonicalTool | HostedTool> = [];
  tools?.forEach((tool) => {
    for (const fd of tool.functionDeclarations ?? []) {
      const parameters = (fd.parametersJsonSchema ??
        (fd.parameters ? openApiToJsonSchema(fd.parameters) : { type: 'object', properties: {} })) as Record<
        string,
        unknown
      >;
      const t: CanonicalTool = { type: 'function', name: fd.name, parameters };
      if (fd.description) t.description = fd.description;
      out.push(t);
    }
    // googleSearch, codeExecution, urlContext, …: Google runs them; they stay Gemini-only.
    for (const [kind, value] of Object.entries(tool)) {
      if (kind === 'functionDeclarations') continue;
      out.push({ type: 'hosted', kind, format: 'gemini', raw: { [kind]: value } });
    }
  });
  return out;
}

type FunctionCallingConfig = NonNullable<GeminiRequest['toolConfig']>['functionCallingConfig'];

function decodeToolChoice(fcc: FunctionCallingConfig, dropped: string[]): ToolChoice | undefined {
  if (!fcc?.mode) return undefined;
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
  return choice;
}

function decodeGeneration(
  gc: NonNullable<GeminiRequest['generationConfig']>,
  out: CanonicalRequest,
  dropped: string[],
): void {
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
