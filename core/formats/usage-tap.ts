import type { Usage } from './canonical.js';
import type { UsageReader, WireFacts } from './codec.js';

// Same-format passthrough forwards bytes untouched, yet cost must still be honest: this tap
// reads the upstream's usage as the bytes go by. It only parses the usage object itself, found
// by its key, and reads it with the format's own UsageReader: the decoder translation uses, so
// a passthrough answer is counted as a translated one is.

export function mergeUsage(into: Partial<Usage>, next: Partial<Usage> | undefined): Partial<Usage> {
  if (!next) return into;
  // Streams repeat or accumulate totals (Anthropic message_delta, Gemini every chunk): the
  // latest value of each field is the truth, never a sum.
  for (const [k, v] of Object.entries(next))
    if (v !== undefined && (v !== 0 || into[k as keyof Usage] === undefined)) (into as any)[k] = v;
  return into;
}

/** What the passthrough relay needs of a tap, whatever the stream's framing. */
export interface StreamUsageTap {
  /** The bytes to forward for `chunk` (see SseUsageTap.push). */
  push(chunk: Buffer): Buffer | Buffer[];
  /** The bytes still held back when the stream ended. */
  flush(): Buffer;
  /** Reads the final usage, after the caller has its last bytes. */
  finish(): void;
  /** The forwarded bytes stop inside a message: `messageEnd` must close it before an error. */
  readonly midEvent: boolean;
  /** What ends a message of this framing. */
  readonly messageEnd: string;
  usage: Partial<Usage>;
  sawError: boolean;
  watchErrors: boolean;
}

/** The tap for a stream of this wire: NDJSON lines or (the default) SSE events. */
export function createUsageTap(
  wire: WireFacts,
  reader: UsageReader,
  dropUsageOnlyChunk: boolean,
): StreamUsageTap {
  return wire.streamFraming === 'ndjson'
    ? new NdjsonUsageTap(reader)
    : new SseUsageTap(reader, dropUsageOnlyChunk);
}

/**
 * Reads usage (and an opening error) off an SSE byte stream as it goes by, at almost no cost:
 * bytes are never decoded on the way. Usage sits at the ends of a stream (Anthropic's
 * message_start; everyone's last events), so the tap searches the first chunk and a window of
 * the last bytes, once, when the stream ends. With `dropUsageOnlyChunk` (OpenAI's usage-only
 * chunk, requested on the caller's behalf) every chunk is searched so that event can be removed.
 */
export class SseUsageTap implements StreamUsageTap {
  readonly messageEnd = '\n\n';
  private tail: Buffer = EMPTY;
  private window: Buffer[] = [];
  private windowBytes = 0;
  private first = true;
  /** The last usage-only event dropped, whose usage `finish` reads. */
  private dropped: Buffer | undefined = undefined;
  /** Usage of the first event, for a format that states it there (see UsageReader.inFirstEvent). */
  private opening: Usage | undefined = undefined;
  private readonly markers: Buffer[];
  /** `"choices"` (OpenAI Chat): the key whose `[]` marks the usage-only event to drop. */
  private readonly usageOnlyKey: Buffer | undefined;
  /** The stream's usage, complete once `finish` ran. */
  usage: Partial<Usage> = {};
  sawError = false;
  /** Errors only matter before the first byte reached the caller (fallback is still possible). */
  watchErrors = true;

  /** `dropUsageOnlyChunk` also holds back an unterminated last event until it is complete. */
  constructor(
    private readonly reader: UsageReader,
    private dropUsageOnlyChunk = false,
  ) {
    this.markers = usageMarkers(reader.key);
    this.usageOnlyKey =
      reader.usageOnlyEventKey === undefined ? undefined : Buffer.from(reader.usageOnlyEventKey);
    if (!this.usageOnlyKey) this.dropUsageOnlyChunk = false;
  }

  /**
   * Returns the bytes to forward: the chunk itself unless events are being dropped; then the
   * complete events so far, as pieces to write in order (slices of the chunk after the tail held
   * back before it; never copied into one buffer).
   */
  push(chunk: Buffer): Buffer | Buffer[] {
    // An opening error event sits at the very start of the stream.
    if (this.watchErrors && holdsErrorLine(chunk, Math.min(chunk.length, 4096))) this.sawError = true;
    const out = this.dropUsageOnlyChunk ? this.pushDropping(chunk) : chunk;
    if (this.first) {
      this.first = false;
      // Anthropic puts input tokens in message_start, the first event: found at once.
      if (this.reader.inFirstEvent) this.readFirstUsage(chunk);
    }
    this.window.push(chunk);
    this.windowBytes += chunk.length;
    while (this.window.length > 1 && this.windowBytes - this.window[0]!.length >= WINDOW) {
      this.windowBytes -= this.window.shift()!.length;
    }
    return out;
  }

  /**
   * Whether the bytes forwarded so far stop inside an event (the upstream broke off in the middle
   * of one): an error event written after them must first end it, or it would be glued onto it.
   * Dropping mode forwards only whole events.
   */
  get midEvent(): boolean {
    if (this.dropUsageOnlyChunk) return false;
    const last = this.window.at(-1);
    if (!last || last.length === 0) return false;
    const n = last.length;
    const a = last[n - 1];
    const b = last[n - 2];
    if (a === 0x0a) return !(b === 0x0a || (b === 0x0d && last[n - 3] === 0x0a));
    return !(a === 0x0d && b === 0x0d);
  }

  /** The stream ended: the bytes still held back (an unterminated last event), to forward. */
  flush(): Buffer {
    const rest = this.tail;
    this.tail = EMPTY;
    return rest;
  }

  /**
   * The stream ended: reads the final usage. Called after the caller has its last bytes, so the
   * parse is not on the way of the answer.
   */
  finish(): void {
    // A dropped usage-only chunk holds the final usage (it is the last event with one).
    // Otherwise the last chunk usually does; searching from its end finds it at once.
    const dropped = this.dropped;
    this.dropped = undefined;
    const last = dropped && this.readLastUsage(dropped) ? undefined : this.window.at(-1);
    if (last && !this.readLastUsage(last) && this.window.length > 1)
      this.readLastUsage(Buffer.concat(this.window));
    this.window = [];
    if (this.usage.inputTokens === undefined && this.opening) this.usage = this.opening;
  }

  private pushDropping(chunk: Buffer): Buffer | Buffer[] {
    // A chat delta as it usually comes: nothing held back, whole events, no "[]" (no usage-only
    // chunk). Forwarded as it is: one search instead of four, and no arrays per chunk.
    const n = chunk.length;
    if (
      this.tail.length === 0 &&
      n > 1 &&
      chunk[n - 1] === 0x0a &&
      chunk[n - 2] === 0x0a &&
      chunk.indexOf(EMPTY_ARRAY) < 0
    )
      return chunk;
    // The usual chunk ends at least one event, and any "[]" it holds belongs to an event that
    // starts in it: it is worked on where it lies, and goes out after the tail held back from
    // the chunk before, as slices (copying a long stream's chunks was most of its cost).
    const t = this.tail;
    const seamClean =
      t.length === 0 || (!t.includes(EMPTY_ARRAY) && !(t[t.length - 1] === 0x5b && chunk[0] === 0x5d));
    // Whether CRLF framing needs looking for at all: one memchr per chunk, not one per search.
    const cr = chunk.includes(13);
    const end = seamClean ? lastEventEnd(chunk, cr) : -1;
    if (end >= 0) {
      const region = end === chunk.length ? chunk : chunk.subarray(0, end);
      const drops = this.dropsIn(region, t.length > 0, cr);
      if (drops) {
        // Copied: a slice would keep the whole chunk alive.
        this.tail = end < chunk.length ? Buffer.from(chunk.subarray(end)) : EMPTY;
        const out = cut(region, drops);
        if (t.length) out.unshift(t);
        return out;
      }
    }
    // Rare: "[]" in the tail or across the seam, a dropped event that began in the tail, or a
    // chunk that ends no event. The two are joined and worked on as one.
    const all = t.length ? Buffer.concat([t, chunk]) : chunk;
    const allCr = cr || t.includes(13);
    const lastEnd = lastEventEnd(all, allCr);
    if (lastEnd < 0) {
      this.tail = Buffer.from(all);
      return [];
    }
    const region = all.subarray(0, lastEnd);
    this.tail = lastEnd < all.length ? Buffer.from(all.subarray(lastEnd)) : EMPTY;
    return cut(region, this.dropsIn(region, false, allCr)!);
  }

  /**
   * The spans of the usage-only events in `region` (whole events); the last is kept for
   * `finish` to read its usage. Undefined when `continued` (the region goes on an event held back before it) and such
   * an event may have begun before the region.
   */
  private dropsIn(region: Buffer, continued: boolean, cr: boolean): Array<[number, number]> | undefined {
    const drops: Array<[number, number]> = [];
    // One pass for "[]" (its first byte is rare in SSE JSON, so the search runs at memchr
    // speed), then a look back for `"choices":`; two full searches for the two spellings
    // cost a fifth of a long passthrough stream's CPU.
    for (let pos = region.indexOf(EMPTY_ARRAY); pos >= 0; pos = region.indexOf(EMPTY_ARRAY, pos + 2)) {
      const start = eventStart(region, pos, cr);
      if (start === 0 && continued) return undefined;
      if (!followsKey(region, pos, this.usageOnlyKey!)) continue;
      const end = eventEnd(region, pos, cr);
      // The dropped chunk is the one that carries the final usage: kept (a copy, not a view
      // that would pin the whole chunk) and read at the end.
      this.dropped = Buffer.from(region.subarray(start, end));
      drops.push([start, end]);
    }
    return drops;
  }

  private readFirstUsage(buf: Buffer): void {
    for (const marker of this.markers) {
      const pos = buf.indexOf(marker);
      if (pos < 0) continue;
      this.opening = usageAt(this.reader, buf, pos + marker.length - 1);
      return;
    }
  }

  /** The last usage object in `buf` (streams repeat or accumulate totals: the last is final). */
  private readLastUsage(buf: Buffer): boolean {
    const usage = lastUsageIn(this.reader, this.markers, buf, this.opening);
    if (!usage) return false;
    this.usage = usage;
    return true;
  }
}

/**
 * Usage of a whole non-streamed body, read off its bytes: the last usage object is found by its
 * key and parsed alone, not the body. Even for a 2.7 KB answer that is 2–3× cheaper than
 * JSON.parse of the whole (about 2 µs against 4–6), and a long answer costs no more. A small
 * body whose key the markers miss (`"usage" : {`, a line break before the brace) is parsed
 * whole. Undefined when the body has none.
 */
export function usageFromJsonBytes(reader: UsageReader, body: Buffer): Partial<Usage> | undefined {
  // Counts at the top level have no object of their own to cut out: the body is parsed whole.
  if (reader.topLevel) return fromWholeMessage(reader, body);
  const markers = usageMarkers(reader.key);
  const usage = lastUsageIn(reader, markers, body);
  if (usage) return usage;
  if (body.length >= 16_384 || !body.includes(reader.key)) return undefined;
  try {
    return reader.fromMessage(JSON.parse(body.toString('utf8')));
  } catch {
    return undefined;
  }
}

// Minified JSON has no space after the colon; Python servers (json.dumps) put one.
const markerCache = new Map<string, Buffer[]>();
function usageMarkers(key: string): Buffer[] {
  let m = markerCache.get(key);
  if (!m) markerCache.set(key, (m = [Buffer.from(`${key}:{`), Buffer.from(`${key}: {`)]));
  return m;
}

/**
 * The last usage object in `buf` that holds counts (streams repeat or accumulate totals: the
 * last is final; Vertex opens with objects of no counts). A body spells its JSON one way: the
 * second spelling is searched only when the first is absent, so a miss does not scan twice.
 */
function lastUsageIn(
  reader: UsageReader,
  markers: Buffer[],
  buf: Buffer,
  previous?: Partial<Usage>,
): Usage | undefined {
  for (const marker of markers) {
    let pos = buf.lastIndexOf(marker);
    if (pos < 0) continue;
    for (let tries = 0; pos >= 0 && tries < 8; tries++) {
      const usage = usageAt(reader, buf, pos + marker.length - 1, previous);
      if (usage) return usage;
      pos = pos === 0 ? -1 : buf.lastIndexOf(marker, pos - 1);
    }
    return undefined;
  }
  return undefined;
}

/** The usage object whose '{' is at `open`, or undefined when it is cut, invalid or empty. */
function usageAt(
  reader: UsageReader,
  buf: Buffer,
  open: number,
  previous?: Partial<Usage>,
): Usage | undefined {
  const obj = extractObject(buf, open);
  return obj === undefined ? undefined : reader.decode(obj, previous);
}

/** Bytes of stream end kept for reading usage; usage objects are small and near the end. */
const WINDOW = 64 * 1024;
const EMPTY = Buffer.alloc(0);
const EVENT_FIELD = Buffer.from('event:');
const DATA_FIELD = Buffer.from('data:');
const ERROR_WORD = Buffer.from('error');
const OPEN_ERROR = Buffer.from('{"error"');
const OPEN_TYPE = Buffer.from('{"type":');
const QUOTED_ERROR = Buffer.from('"error"');

/**
 * Whether a line that starts before `end` opens an error event: `event: error`, `data: {"error"…`
 * or `data: {"type": "error"…`. Line by line with a few byte compares each: a search for
 * `"error"` itself runs at about 1 ns a byte, since JSON is full of quotes.
 */
function holdsErrorLine(b: Buffer, end: number): boolean {
  for (let i = 0; i < end;) {
    if (errorLineAt(b, i)) return true;
    const nl = b.indexOf(0x0a, i);
    if (nl < 0) return false;
    i = nl + 1;
  }
  return false;
}

function errorLineAt(b: Buffer, i: number): boolean {
  const c = b[i];
  if (c === 0x65)
    return bytesAt(b, i, EVENT_FIELD) && bytesAt(b, spacesFrom(b, i + EVENT_FIELD.length), ERROR_WORD);
  if (c !== 0x64 || !bytesAt(b, i, DATA_FIELD)) return false;
  const j = spacesFrom(b, i + DATA_FIELD.length);
  // Most data lines open `{"id"` or `{"type":"content…`: their third byte settles it.
  const k = b[j + 2];
  if (k === 0x65) return bytesAt(b, j, OPEN_ERROR);
  return (
    k === 0x74 && bytesAt(b, j, OPEN_TYPE) && bytesAt(b, spacesFrom(b, j + OPEN_TYPE.length), QUOTED_ERROR)
  );
}

function bytesAt(b: Buffer, i: number, word: Buffer): boolean {
  if (i + word.length > b.length) return false;
  for (let k = 0; k < word.length; k++) if (b[i + k] !== word[k]) return false;
  return true;
}

function spacesFrom(b: Buffer, i: number): number {
  while (b[i] === 0x20) i++;
  return i;
}
/** OpenAI's usage-only chunk is the one chunk with no choices: `"choices":[]`. */
const EMPTY_ARRAY = Buffer.from('[]');

/** `region` without the spans (in order), as slices. */
function cut(region: Buffer, spans: Array<[number, number]>): Buffer[] {
  if (spans.length === 0) return [region];
  const pieces: Buffer[] = [];
  let at = 0;
  for (const [a, b] of spans) {
    if (a < at) continue; // a second "[]" in an event already cut
    if (a > at) pieces.push(region.subarray(at, a));
    at = b;
  }
  if (at < region.length) pieces.push(region.subarray(at));
  return pieces;
}

/** Whether the `[]` at `pos` is the value of `key` (spaces allowed around the colon). */
function followsKey(b: Buffer, pos: number, key: Buffer): boolean {
  let i = pos - 1;
  while (i >= 0 && b[i] === 0x20) i--;
  if (b[i] !== 0x3a) return false;
  i--;
  while (i >= 0 && b[i] === 0x20) i--;
  const start = i - key.length + 1;
  return start >= 0 && b.subarray(start, i + 1).equals(key);
}

/** Parses the JSON object starting at `open` (a '{'), or undefined when it is cut or invalid. */
function extractObject(buf: Buffer, open: number): unknown {
  // A usage object holds only keys and numbers: its end is found by native searches for braces
  // (a handful of calls) instead of a byte loop. Were a brace inside a string, the span would be
  // cut or overrun and JSON.parse refuses it (it takes no trailing bytes), so the loop decides.
  let close = open;
  for (let depth = 1, from = open + 1; depth > 0;) {
    close = buf.indexOf(0x7d, from);
    if (close < 0) break;
    for (let o = buf.indexOf(0x7b, from); o >= 0 && o < close; o = buf.indexOf(0x7b, o + 1)) depth++;
    depth--;
    from = close + 1;
  }
  if (close > open) {
    try {
      return JSON.parse(buf.toString('utf8', open, close + 1));
    } catch {}
  }
  return scanObject(buf, open);
}

function scanObject(buf: Buffer, open: number): unknown {
  let depth = 0;
  let inString = false;
  for (let i = open; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b) depth++;
    else if (c === 0x7d && --depth === 0) {
      try {
        return JSON.parse(buf.toString('utf8', open, i + 1));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

const LFLF = Buffer.from('\n\n');
const CRLF2 = Buffer.from('\r\n\r\n');

// Event boundaries. CRLF framing is looked for only when the bytes hold a CR at all (`cr`, a
// memchr per chunk), because a failed multi-byte search scans the whole chunk.

/** End (exclusive, after the blank line) of the last complete event. */
function lastEventEnd(b: Buffer, cr: boolean): number {
  const lf = b.lastIndexOf(LFLF);
  const crlf = cr ? b.lastIndexOf(CRLF2) : -1;
  return Math.max(lf < 0 ? -1 : lf + 2, crlf < 0 ? -1 : crlf + 4);
}

function eventStart(b: Buffer, pos: number, cr: boolean): number {
  const lf = b.lastIndexOf(LFLF, pos);
  const crlf = cr ? b.lastIndexOf(CRLF2, pos) : -1;
  return Math.max(lf < 0 ? 0 : lf + 2, crlf < 0 ? 0 : crlf + 4);
}

function eventEnd(b: Buffer, pos: number, cr: boolean): number {
  const lf = b.indexOf(LFLF, pos);
  const crlf = cr ? b.indexOf(CRLF2, pos) : -1;
  const ends = [lf < 0 ? -1 : lf + 2, crlf < 0 ? -1 : crlf + 4].filter((x) => x >= 0);
  return ends.length ? Math.min(...ends) : b.length;
}

function fromWholeMessage(reader: UsageReader, bytes: Buffer): Usage | undefined {
  if (!bytes.includes(reader.key)) return undefined;
  try {
    return reader.fromMessage(JSON.parse(bytes.toString('utf8')));
  } catch {
    return undefined;
  }
}

const OPEN_ERROR_LINE = Buffer.from('{"error"');

/**
 * The tap of an NDJSON stream (Ollama): bytes go on untouched. Usage is in the last line with
 * counts (`done: true`), read once at the end from a window of the last bytes, like the SSE tap;
 * an opening `{"error"…}` line is a failure the caller has not seen yet.
 */
export class NdjsonUsageTap implements StreamUsageTap {
  readonly messageEnd = '\n';
  private window: Buffer[] = [];
  private windowBytes = 0;
  usage: Partial<Usage> = {};
  sawError = false;
  watchErrors = true;

  constructor(private readonly reader: UsageReader) {}

  push(chunk: Buffer): Buffer {
    if (this.watchErrors && opensErrorLine(chunk, Math.min(chunk.length, 4096))) this.sawError = true;
    this.window.push(chunk);
    this.windowBytes += chunk.length;
    while (this.window.length > 1 && this.windowBytes - this.window[0]!.length >= WINDOW)
      this.windowBytes -= this.window.shift()!.length;
    return chunk;
  }

  get midEvent(): boolean {
    const last = this.window.at(-1);
    return last !== undefined && last.length > 0 && last[last.length - 1] !== 0x0a;
  }

  flush(): Buffer {
    return EMPTY;
  }

  finish(): void {
    const all = this.window.length === 1 ? this.window[0]! : Buffer.concat(this.window);
    this.window = [];
    // The last line naming a count is the final one; searching back from the end finds it at once.
    for (let pos = all.lastIndexOf(this.reader.key); pos >= 0;) {
      const start = all.lastIndexOf(0x0a, pos) + 1;
      const nl = all.indexOf(0x0a, pos);
      const usage = fromWholeMessage(this.reader, all.subarray(start, nl < 0 ? all.length : nl));
      if (usage) {
        this.usage = usage;
        return;
      }
      pos = start < 2 ? -1 : all.lastIndexOf(this.reader.key, start - 1);
    }
  }
}

/** Whether a line that starts before `end` opens `{"error"`. */
function opensErrorLine(b: Buffer, end: number): boolean {
  for (let i = 0; i < end;) {
    if (bytesAt(b, spacesFrom(b, i), OPEN_ERROR_LINE)) return true;
    const nl = b.indexOf(0x0a, i);
    if (nl < 0) return false;
    i = nl + 1;
  }
  return false;
}
