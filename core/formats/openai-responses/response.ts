import type { AssistantPart, CanonicalResponse, ReasoningPart, ToolCallPart } from '../canonical.js';
import type { EncodeContext } from '../codec.js';
import { argumentsFromCustomInput, customInputFromArguments } from './custom-tools.js';
import { decodeFinishReason, encodeStatus } from './finish-reason.js';
import { idStem, responseId } from './ids.js';
import { decodeUsage, encodeUsage, type ResponsesUsage } from './usage.js';

/** The parts of an output item the codec reads; upstreams add more (status, logprobs…). */
export interface ResponsesOutputItem {
  type?: string;
  id?: string;
  role?: string;
  content?: Array<{ type?: string; text?: string; refusal?: string }> | null;
  summary?: Array<{ type?: string; text?: string }> | null;
  encrypted_content?: string | null;
  call_id?: string;
  name?: string;
  arguments?: string;
  input?: string;
}

export interface ResponsesResponseBody {
  id?: string;
  created_at?: number;
  model?: string;
  status?: string;
  incomplete_details?: { reason?: string | null } | null;
  output?: ResponsesOutputItem[] | null;
  usage?: ResponsesUsage | null;
}

/**
 * A reasoning item, from an answer or replayed in a request → its canonical part. Full reasoning
 * text (reasoning_text content, gpt-oss) beats the summary when both exist.
 */
export function decodeReasoningItem(item: {
  id?: string | null;
  content?: Array<{ type?: string; text?: string }> | null;
  summary?: Array<{ text?: string }> | null;
  encrypted_content?: string | null;
}): ReasoningPart {
  const full = (item.content ?? []).filter((c) => c.type === 'reasoning_text').map((c) => c.text ?? '');
  const summary = (item.summary ?? []).map((s) => s.text ?? '');
  const part: ReasoningPart = {
    type: 'reasoning',
    text: (full.length ? full : summary).join('\n\n'),
    origin: 'openai-responses',
  };
  if (item.encrypted_content) part.encryptedContent = item.encrypted_content;
  if (item.id) part.itemId = item.id;
  return part;
}

/** One output item → canonical parts (a message item can hold several text parts). */
export function decodeOutputItem(item: ResponsesOutputItem): AssistantPart[] {
  switch (item.type) {
    case 'message':
      return (item.content ?? []).flatMap((c): AssistantPart[] => {
        // Annotations (url citations, file citations) have no canonical slot and are left out.
        if (c.type === 'output_text') return [{ type: 'text', text: c.text ?? '' }];
        if (c.type === 'refusal') return [{ type: 'text', text: c.refusal ?? '' }];
        return [];
      });
    case 'reasoning':
      return [decodeReasoningItem(item)];
    case 'function_call':
    case 'custom_tool_call': {
      const part: ToolCallPart = {
        type: 'tool-call',
        id: item.call_id ?? item.id ?? '',
        name: item.name ?? '',
        arguments:
          item.type === 'custom_tool_call'
            ? argumentsFromCustomInput(item.input ?? '')
            : (item.arguments ?? ''),
        origin: 'openai-responses',
      };
      if (item.id) part.itemId = item.id;
      return [part];
    }
    default:
      // Hosted-tool items (web_search_call, file_search_call…) already ran on OpenAI's side.
      return [];
  }
}

export function decodeResponsesResponse(body: unknown): CanonicalResponse {
  const res = (body ?? {}) as ResponsesResponseBody;
  const content = (res.output ?? []).flatMap(decodeOutputItem);
  const hasToolCalls = content.some((p) => p.type === 'tool-call');
  const out: CanonicalResponse = {
    id: res.id ?? '',
    model: res.model ?? '',
    created: res.created_at ?? Math.floor(Date.now() / 1000),
    content,
    finishReason: decodeFinishReason(res.status, res.incomplete_details?.reason, hasToolCalls),
  };
  const raw = res.status === 'incomplete' ? (res.incomplete_details?.reason ?? res.status) : res.status;
  if (raw) out.rawFinishReason = raw;
  const usage = decodeUsage(res.usage);
  if (usage) out.usage = usage;
  return out;
}

/** Mints the output-item ids a Responses client expects, stable within one response. */
export class ItemIds {
  private readonly stem: string;
  private count = 0;
  constructor(requestId: string) {
    this.stem = idStem(requestId);
  }
  next(prefix: 'msg' | 'rs' | 'fc' | 'ctc'): string {
    return `${prefix}_${this.stem}${(this.count++).toString(16).padStart(4, '0')}`;
  }
}

export function encodeReasoningItem(part: ReasoningPart, id: string): Record<string, unknown> {
  const item: Record<string, unknown> = {
    id,
    type: 'reasoning',
    summary: part.text ? [{ type: 'summary_text', text: part.text }] : [],
  };
  // encrypted_content only means something to the OpenAI deployment that issued it.
  if (part.origin === 'openai-responses' && part.encryptedContent)
    item.encrypted_content = part.encryptedContent;
  return item;
}

export function encodeToolCallItem(
  part: Pick<ToolCallPart, 'id' | 'name' | 'arguments'>,
  id: string,
  custom: boolean,
): Record<string, unknown> {
  if (custom) {
    return {
      id,
      type: 'custom_tool_call',
      status: 'completed',
      call_id: part.id,
      name: part.name,
      input: customInputFromArguments(part.arguments),
    };
  }
  return {
    id,
    type: 'function_call',
    status: 'completed',
    arguments: part.arguments,
    call_id: part.id,
    name: part.name,
  };
}

export function messageItem(id: string, text: string, status = 'completed'): Record<string, unknown> {
  return {
    id,
    type: 'message',
    status,
    role: 'assistant',
    content: [{ type: 'output_text', annotations: [], logprobs: [], text }],
  };
}

/** The full `response` object, with every field the openai SDK types mark as required. */
export function responseEnvelope(fields: {
  id: string;
  created: number;
  model: string;
  status: string;
  output: unknown[];
  usage: unknown;
  incompleteDetails?: unknown;
  error?: unknown;
}): Record<string, unknown> {
  return {
    id: fields.id,
    object: 'response',
    created_at: fields.created,
    status: fields.status,
    background: false,
    error: fields.error ?? null,
    incomplete_details: fields.incompleteDetails ?? null,
    instructions: null,
    max_output_tokens: null,
    model: fields.model,
    output: fields.output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: false,
    temperature: null,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: null,
    truncation: 'disabled',
    usage: fields.usage,
    user: null,
    metadata: {},
  };
}

export function encodeResponsesResponse(
  response: CanonicalResponse,
  ctx: EncodeContext,
): Record<string, unknown> {
  const ids = new ItemIds(ctx.requestId);
  const custom = new Set(ctx.customTools ?? []);
  const output: Array<Record<string, unknown>> = [];
  let message: Array<Record<string, unknown>> | undefined;
  for (const part of response.content) {
    if (part.type === 'text') {
      // Adjacent text parts share one message item, as OpenAI itself would answer.
      if (!message) {
        const item = messageItem(ids.next('msg'), '');
        message = item.content as Array<Record<string, unknown>>;
        message.length = 0;
        output.push(item);
      }
      message.push({ type: 'output_text', annotations: [], logprobs: [], text: part.text });
      continue;
    }
    message = undefined;
    if (part.type === 'reasoning') {
      // A reasoning part with neither text nor an OpenAI token (e.g. a bare Gemini signature)
      // would be an empty item the client must echo back for nothing.
      const ownToken = part.origin === 'openai-responses' && !!part.encryptedContent;
      if (!part.text && !ownToken) continue;
      const id = part.origin === 'openai-responses' && part.itemId ? part.itemId : ids.next('rs');
      output.push(encodeReasoningItem(part, id));
      continue;
    }
    const isCustom = custom.has(part.name);
    const id =
      part.origin === 'openai-responses' && part.itemId ? part.itemId : ids.next(isCustom ? 'ctc' : 'fc');
    output.push(encodeToolCallItem(part, id, isCustom));
  }
  const { status, incomplete_details } = encodeStatus(response.finishReason);
  return responseEnvelope({
    id: responseId(response.id, ctx.requestId),
    created: response.created,
    model: ctx.model,
    status,
    output,
    usage: encodeUsage(response.usage),
    incompleteDetails: incomplete_details,
    error:
      status === 'failed' ? { code: 'server_error', message: 'The upstream model failed to finish.' } : null,
  });
}
