// What one request-log row may hold. A request is bounded by bodyLimitMb (32 MB) but its echo is
// not: an upstream that quotes the prompt in its error, tried on every combo step, once stored
// ~70 MB per request (the text in the row's `error` and again in each attempt of its detail).

/** The caps the writer applies (settings logBodyMaxKb, logErrorMaxChars). */
export interface LogLimits {
  /** A kept request body (debug logging), UTF-8 bytes. */
  bodyMaxBytes: number;
  /** An error text (the row's and each attempt's), characters. */
  errorMaxChars: number;
}

export const DEFAULT_LOG_LIMITS: LogLimits = { bodyMaxBytes: 256 * 1024, errorMaxChars: 4000 };

export function logLimitsOf(s: { logBodyMaxKb: number; logErrorMaxChars: number }): LogLimits {
  return { bodyMaxBytes: s.logBodyMaxKb * 1024, errorMaxChars: s.logErrorMaxChars };
}

/**
 * Model names, combo names, provider and account ids, combo steps. They come from the caller
 * (a model name) or the configuration; no real one is near this long.
 */
export const NAME_MAX_CHARS = 512;

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

/** `s` cut to `max` characters with a marker saying how long it was; `s` itself when it fits. */
export function capChars(s: string, max: number): string {
  if (s.length <= max) return s;
  const end = isHighSurrogate(s.charCodeAt(max - 1)) ? max - 1 : max;
  return `${s.slice(0, end)}…[truncated: ${s.length} chars total]`;
}

const encoder = new TextEncoder();

/** `s` cut to `maxBytes` of UTF-8 (never inside a character) with a marker; `s` when it fits. */
export function capBytes(s: string, maxBytes: number): string {
  // A UTF-16 unit is at most 3 UTF-8 bytes: most bodies are decided without counting.
  if (s.length * 3 <= maxBytes) return s;
  const total = Buffer.byteLength(s, 'utf8');
  if (total <= maxBytes) return s;
  const { read } = encoder.encodeInto(s, new Uint8Array(maxBytes));
  return `${s.slice(0, read)}…[truncated: ${total} bytes total]`;
}

/** A name column's value: as given unless absurdly long. Not-a-string passes (SQLite refuses it). */
export function capName<T extends string | undefined>(s: T): T {
  return (typeof s === 'string' && s.length > NAME_MAX_CHARS ? capChars(s, NAME_MAX_CHARS) : s) as T;
}

/**
 * SQL for a text column as a reader may see it: rows written before the caps (or under a larger
 * one) come back cut to `max` characters with the same marker as capChars. `max` is a number
 * this code chose, never input.
 */
export function cappedColumn(column: string, max: number, as = column): string {
  const n = Math.max(1, Math.floor(max));
  return `CASE WHEN length(${column}) > ${n} THEN substr(${column}, 1, ${n}) || '…[truncated: ' || length(${column}) || ' chars total]' ELSE ${column} END AS ${as}`;
}
