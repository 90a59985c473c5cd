// What a model name may hold, wherever one enters: a request (the gateway answers 400 in the
// caller's format) or a combo step or alias (the management API and the config file refuse it).
// A name goes into a response header, an upstream URL (Gemini) and the logs: a control or
// invisible character there broke answers (a header write threw; encodeURIComponent threw on a
// lone surrogate, a 500 on every request to the combo).

/** Longest model name accepted; real ones (with a provider prefix) are well under 100 characters. */
export const MAX_MODEL_NAME = 256;

// C0/C1 controls and DEL (Cc), invisible format characters such as bidi overrides and zero-width
// spaces (Cf), lone surrogates (Cs: `\ud800` in JSON), and the line/paragraph separators.
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

/** What is wrong with `name` as a model name (a sentence without a subject), or undefined. */
export function modelNameProblem(name: string): string | undefined {
  if (name.length > MAX_MODEL_NAME)
    return `is ${name.length} characters long; at most ${MAX_MODEL_NAME} are accepted.`;
  const m = UNPRINTABLE.exec(name);
  if (!m) return undefined;
  const cp = m[0].codePointAt(0)!;
  const what = cp >= 0xd800 && cp <= 0xdfff ? 'a lone surrogate' : 'a control or invisible character';
  return `contains ${what} (U+${cp.toString(16).toUpperCase().padStart(4, '0')}) at position ${m.index}; send it as plain text.`;
}
