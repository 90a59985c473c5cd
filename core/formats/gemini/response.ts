import type { CanonicalResponse } from '../canonical.js';
import type { EncodeContext } from '../codec.js';
import { decodeFinishReason, encodeFinishReason } from './finish-reason.js';
import { generatedCallId, stemOf } from './ids.js';
import { decodeModelParts, encodeModelParts, type GeminiContent } from './parts.js';
import { decodeUsage, encodeUsage, type GeminiUsageMetadata } from './usage.js';

export interface GeminiCandidate {
  content?: GeminiContent;
  finishReason?: string;
  index?: number;
}

export interface GeminiResponseBody {
  candidates?: GeminiCandidate[];
  promptFeedback?: { blockReason?: string };
  usageMetadata?: GeminiUsageMetadata;
  modelVersion?: string;
  responseId?: string;
  createTime?: string;
}

export function createdFrom(createTime: string | undefined): number {
  const ms = createTime ? Date.parse(createTime) : NaN;
  return Math.floor((Number.isNaN(ms) ? Date.now() : ms) / 1000);
}

export function decodeGeminiResponse(body: unknown): CanonicalResponse {
  const res = (body ?? {}) as GeminiResponseBody;
  const candidate = res.candidates?.[0];
  const stem = stemOf(res.responseId);
  const content = decodeModelParts(candidate?.content?.parts ?? [], (i) => generatedCallId(stem, i));
  const hasToolCalls = content.some((p) => p.type === 'tool-call');
  // A prompt blocked before generation has no candidate, only promptFeedback.blockReason.
  const raw = candidate?.finishReason ?? res.promptFeedback?.blockReason;
  const out: CanonicalResponse = {
    id: res.responseId ?? '',
    model: res.modelVersion ?? '',
    created: createdFrom(res.createTime),
    content,
    finishReason:
      !candidate && res.promptFeedback?.blockReason
        ? 'content_filter'
        : decodeFinishReason(raw, hasToolCalls),
  };
  if (raw) out.rawFinishReason = raw;
  const usage = decodeUsage(res.usageMetadata);
  if (usage) out.usage = usage;
  return out;
}

export function encodeGeminiResponse(response: CanonicalResponse, ctx: EncodeContext): GeminiResponseBody {
  const parts = encodeModelParts(response.content, false);
  return {
    candidates: [
      {
        content: { role: 'model', parts: parts.length ? parts : [{ text: '' }] },
        finishReason: encodeFinishReason(response.finishReason, response.rawFinishReason),
        index: 0,
      },
    ],
    usageMetadata: encodeUsage(response.usage),
    modelVersion: ctx.model,
    responseId: response.id || stemOf(ctx.requestId),
  };
}
