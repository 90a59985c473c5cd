import { GatewayError } from '../canonical.js';
import type { DecodedEndpointRequest } from '../endpoints/types.js';

/** An embeddings request in canonical form, whichever shape the caller used. */
export interface EmbedRequest extends DecodedEndpointRequest {
  /** Texts, or token-id arrays (only OpenAI-shaped upstreams take those). */
  inputs: Array<string | number[]>;
  encoding: 'float' | 'base64';
  dimensions?: number;
  /** What the vectors are for (Cohere's input_type, Gemini's taskType, Voyage's input_type). */
  inputType?: string;
  /** Gemini's `:embedContent` (one vector, not a list). */
  single: boolean;
}

export interface EmbedResult {
  vectors: number[][];
  inputTokens?: number;
}

/** The texts, for an upstream that takes only text. */
export function textsOnly(req: EmbedRequest, upstream: string): string[] {
  return req.inputs.map((x) => {
    if (typeof x !== 'string') throw tokenInput(upstream);
    return x;
  });
}
const tokenInput = (upstream: string) =>
  new GatewayError({
    status: 400,
    kind: 'invalid_request',
    param: 'input',
    message: `input: ${upstream} embeds text only; token-id arrays go only to OpenAI-compatible providers.`,
  });
