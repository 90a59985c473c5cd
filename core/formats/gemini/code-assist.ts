// Code Assist (the Gemini CLI's Google-login backend, `/v1internal:<method>`) wraps Gemini
// bodies: requests are `{model, project, user_prompt_id, request: <GenerateContentRequest>}`
// and answers (each SSE event too) `{response: <GenerateContentResponse>, traceId}`.
import { invalidRequest } from '../canonical.js';

export interface CodeAssistRequest {
  model: string;
  /** The Gemini request inside the envelope. */
  request: Record<string, unknown>;
}

/** The envelope's model and inner request, or a 400 that says what is wrong. */
export function unwrapCodeAssistRequest(body: Record<string, unknown>): CodeAssistRequest {
  const model = body.model;
  if (typeof model !== 'string' || model.length === 0)
    throw invalidRequest('model: a Code Assist request names its model in the envelope.', 'model');
  const request = body.request;
  if (typeof request !== 'object' || request === null || Array.isArray(request))
    throw invalidRequest('request: expected the GenerateContentRequest object.', 'request');
  return { model, request: request as Record<string, unknown> };
}

/** One Gemini answer (or stream chunk) as Code Assist sends it. Errors stay bare, as Google's do. */
export function wrapCodeAssistResponse(body: unknown): unknown {
  if (typeof body === 'object' && body !== null && 'error' in body) return body;
  return { response: body };
}
