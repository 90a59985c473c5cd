import { GatewayError, type AssistantPart, type CanonicalResponse } from '../canonical.js';
import type { EncodeContext } from '../codec.js';
import { isRecord, parseJsonObject } from '../json.js';
import { decodeAnthropicStopReason, encodeAnthropicStopReason } from './finish-reason.js';
import { STRUCTURED_OUTPUT_TOOL } from './structured-output.js';
import { decodeAnthropicUsage, encodeAnthropicUsage } from './usage.js';
import { toolUseId } from './encode-request.js';

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function decodeAnthropicContent(blocks: unknown[]): { content: AssistantPart[]; structured: boolean } {
  const content: AssistantPart[] = [];
  let structured = false;
  for (const block of blocks) {
    if (!isRecord(block)) continue;
    if (block.type === 'text' && typeof block.text === 'string')
      content.push({ type: 'text', text: block.text });
    else if (block.type === 'thinking') {
      const signature = str(block.signature);
      content.push(
        signature
          ? { type: 'reasoning', text: str(block.thinking) ?? '', signature, origin: 'anthropic' }
          : { type: 'reasoning', text: str(block.thinking) ?? '' },
      );
    } else if (block.type === 'redacted_thinking' && typeof block.data === 'string') {
      content.push({ type: 'reasoning', text: '', redactedData: block.data, origin: 'anthropic' });
    } else if (block.type === 'tool_use') {
      const input = JSON.stringify(block.input ?? {});
      if (block.name === STRUCTURED_OUTPUT_TOOL) {
        structured = true;
        content.push({ type: 'text', text: input });
      } else
        content.push({
          type: 'tool-call',
          id: str(block.id) ?? '',
          name: str(block.name) ?? '',
          arguments: input,
        });
    }
    // server_tool_use / web_search_tool_result ran on Anthropic's side; other formats have no slot.
  }
  return { content, structured };
}

export function decodeAnthropicResponse(body: unknown): CanonicalResponse {
  if (!isRecord(body) || !Array.isArray(body.content)) {
    throw new GatewayError({
      status: 502,
      kind: 'upstream',
      message: 'Upstream returned a body that is not a Message.',
    });
  }
  const { content, structured } = decodeAnthropicContent(body.content);
  const raw = str(body.stop_reason);
  let finishReason = decodeAnthropicStopReason(raw);
  // The forced structured-output tool is the answer, not a call for the client to run.
  if (structured && finishReason === 'tool_calls' && !content.some((p) => p.type === 'tool-call'))
    finishReason = 'stop';
  const response: CanonicalResponse = {
    id: str(body.id) ?? '',
    model: str(body.model) ?? '',
    created: Math.floor(Date.now() / 1000),
    content,
    finishReason,
  };
  if (raw) response.rawFinishReason = raw;
  const stopSequence = str(body.stop_sequence);
  if (stopSequence) response.stopSequence = stopSequence;
  const usage = decodeAnthropicUsage(body.usage);
  if (usage) response.usage = usage;
  return response;
}

export function messageId(id: string | undefined, ctx: EncodeContext): string {
  return id && id.startsWith('msg_') ? id : `msg_${(id || ctx.requestId).replace(/[^a-zA-Z0-9_-]/g, '')}`;
}

/**
 * Reasoning without an Anthropic signature is still shown to the caller as a thinking block
 * with an empty signature, the same shape Anthropic's own content_block_start carries. No
 * signature is invented; the decoder reads an empty one back as plain reasoning text.
 */
export function encodeAnthropicContent(parts: AssistantPart[]): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const part of parts) {
    if (part.type === 'text') {
      if (part.text) out.push({ type: 'text', text: part.text });
    } else if (part.type === 'reasoning') {
      if (part.origin === 'anthropic' && part.redactedData)
        out.push({ type: 'redacted_thinking', data: part.redactedData });
      else if (part.origin === 'anthropic' && part.signature)
        out.push({ type: 'thinking', thinking: part.text, signature: part.signature });
      else if (part.text) out.push({ type: 'thinking', thinking: part.text, signature: '' });
    } else {
      out.push({
        type: 'tool_use',
        id: toolUseId(part.id),
        name: part.name,
        input: parseJsonObject(part.arguments) ?? {},
      });
    }
  }
  return out;
}

export function encodeAnthropicResponse(
  response: CanonicalResponse,
  ctx: EncodeContext,
): Record<string, unknown> {
  return {
    id: messageId(response.id, ctx),
    type: 'message',
    role: 'assistant',
    model: ctx.model,
    content: encodeAnthropicContent(response.content),
    stop_reason: encodeAnthropicStopReason(
      response.finishReason,
      response.rawFinishReason,
      response.stopSequence,
    ),
    stop_sequence: response.stopSequence ?? null,
    usage: encodeAnthropicUsage(response.usage ?? {}),
  };
}
