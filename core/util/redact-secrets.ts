// Upstream errors sometimes quote the credential they were sent ("Incorrect API key provided:
// sk-proj-****wxyz", "invalid token Bearer eyJ…", a proxy's error page with its Basic header).
// Whatever the gateway sent on an attempt — the account's key or access token, the caller's own
// login, the proxy's credentials — is removed from such text where it enters the gateway, so
// the caller's error body, the log lines and request_log.error all get the redacted text.
//
// This is exact, not heuristic: it looks only for the values actually sent. The logger's
// pattern-based `redact` (core/util/logger.ts) stays as a second line of defence.

export const REDACTED = '[redacted]';

/** Shorter values are not looked for: they would match ordinary words. */
const MIN_SECRET = 6;
/** Partial forms are looked for only in values this long (keys and tokens, not short passwords). */
const MIN_PARTIAL_SECRET = 16;
/** A prefix or suffix of a secret next to a mask ("sk-abc…", "****wxyz"). */
const MIN_EDGE = 4;
/** A bare piece of a secret (a truncated echo without any mask). */
const MIN_PIECE = 8;

// A run of the characters keys, tokens and their masked echoes are made of. `[`, `]`, spaces,
// quotes and `:` end a run, so the marker itself is never a run that matches.
const RUN = /[A-Za-z0-9_\-+/=.*•…~]{4,}/g;
// What providers put in place of the hidden middle or end of a key.
const MASK = /[.*•…~]+/;

/**
 * The forms a secret may take in an error text: itself, URL-encoded, JSON-escaped (with or
 * without `\/`). Values that
 * are too short to look for are dropped; longest first, so a secret containing another is
 * replaced whole.
 */
export function secretForms(secrets: Iterable<string | undefined | null>): string[] {
  const out = new Set<string>();
  for (const s of secrets) {
    if (!s || s.length < MIN_SECRET) continue;
    out.add(s);
    const uri = encodeURIComponent(s);
    if (uri !== s) out.add(uri);
    const json = JSON.stringify(s).slice(1, -1);
    if (json !== s) out.add(json);
    // Some servers escape `/` in JSON strings (base64 keys and tokens hold it).
    if (s.includes('/')) out.add(json.replace(/\//g, '\\/'));
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/** Whether `run` (a run of key characters from the text) is a partial form of `secret`. */
function derivedFrom(run: string, secret: string): boolean {
  const pieces = run.split(MASK);
  for (const p of pieces) if (p.length >= MIN_PIECE && secret.includes(p)) return true;
  if (pieces.length === 1) return false; // no mask
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  return (
    (first.length >= MIN_EDGE && secret.startsWith(first)) ||
    (last.length >= MIN_EDGE && secret.endsWith(last))
  );
}

/**
 * `text` with every full occurrence of the given secrets, and every partial form of the long
 * ones (a prefix or suffix of 4+ characters next to a mask — `sk-abc...wxyz`, `sk-p****wxyz`,
 * `…wxyz` — or any piece of 8+ characters), replaced by `[redacted]`. "Bearer <key>" becomes
 * "Bearer [redacted]". Cheap when there is nothing to find; meant for error texts, never for
 * a successful answer.
 */
export function redactSecrets(text: string, secrets: Iterable<string | undefined | null>): string {
  if (!text) return text;
  const forms = secretForms(secrets);
  if (forms.length === 0) return text;
  let out = text;
  for (const f of forms) if (out.includes(f)) out = out.split(f).join(REDACTED);
  const long = forms.filter((f) => f.length >= MIN_PARTIAL_SECRET);
  if (long.length === 0) return out;
  return out.replace(RUN, (run) => {
    // One final `.` ends a sentence; more are a mask ("sk-abc...").
    const end = run.endsWith('.') && !run.endsWith('..') ? 1 : 0;
    const core = end ? run.slice(0, -1) : run;
    return long.some((s) => derivedFrom(core, s)) ? REDACTED + (end ? '.' : '') : run;
  });
}

/** An error's caller-visible strings, redacted (a copy; `info` is not changed). */
export function redactErrorInfo<T extends { message: string; param?: string; code?: string }>(
  info: T,
  secrets: readonly string[],
): T {
  if (secrets.length === 0) return info;
  const out = { ...info, message: redactSecrets(info.message, secrets) };
  if (typeof info.param === 'string') out.param = redactSecrets(info.param, secrets);
  if (typeof info.code === 'string') out.code = redactSecrets(info.code, secrets);
  return out;
}
