import { invalidRequest, type WireFormat } from '../formats/canonical.js';
import { codecFor } from '../formats/index.js';
import { modelNameProblem } from '../util/model-name.js';

/** What the gateway needs of a request before it knows whether it will translate it. */
export interface RequestPeek {
  model: string;
  stream: boolean;
  temperature?: number;
}

// A same-format request is passed through, and its provider validates it in depth; decoding it
// into the canonical form (a schema walk over every message, ~0.5 ms for a 300 KB Claude Code
// request) is only done when some attempt translates. What every request still gets here is a
// check of the top-level shape, with the same 400s the decoders give.

export function peekRequest(
  format: WireFormat,
  body: Record<string, unknown>,
  gemini?: { model: string; stream: boolean },
): RequestPeek {
  const { model, stream, temperature } = codecFor(format).wire.peekRequest(body, gemini);
  if (typeof model !== 'string' || model.length === 0)
    throw invalidRequest('model: a model name is required.', 'model');
  if (typeof stream !== 'boolean' && stream !== null)
    throw invalidRequest('stream: expected true or false.', 'stream');
  if (temperature !== undefined && temperature !== null && typeof temperature !== 'number')
    throw invalidRequest('temperature: expected a number.', 'temperature');
  const peek: RequestPeek = { model, stream: stream === true };
  if (typeof temperature === 'number') peek.temperature = temperature;
  return peek;
}

export { MAX_MODEL_NAME } from '../util/model-name.js';

/** A model name the gateway can carry (see modelNameProblem): else the caller's 400. */
export function checkModelName(model: string): void {
  const problem = modelNameProblem(model);
  if (problem) throw invalidRequest(`model: the model name ${problem}`, 'model');
}

/** How deep a request body may nest (objects and arrays). Real requests stay under ~20. */
export const MAX_NESTING = 200;

/**
 * Refuses a body nested deeper than MAX_NESTING. JSON.parse takes any depth, but what walks the
 * body afterwards does not: the codecs' schema conversion, structuredClone and JSON.stringify all
 * recurse and overflow the stack (a 500) a few thousand levels down. Recursive itself, but never
 * more than MAX_NESTING frames deep; only objects are visited, so it costs ~20 µs on a 100 KB
 * request (JSON.parse of the same body: ~300 µs).
 */
export function checkNesting(body: unknown): void {
  if (nestedDeeper(body, MAX_NESTING - 1))
    throw invalidRequest(`The request body is nested deeper than ${MAX_NESTING} levels.`);
}

function nestedDeeper(x: unknown, left: number): boolean {
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) {
      const e: unknown = x[i];
      if (typeof e === 'object' && e !== null && (left === 0 || nestedDeeper(e, left - 1))) return true;
    }
  } else {
    const o = x as Record<string, unknown>;
    for (const k in o) {
      const e = o[k];
      if (typeof e === 'object' && e !== null && (left === 0 || nestedDeeper(e, left - 1))) return true;
    }
  }
  return false;
}
