import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { ResponseRecorder } from './shared-flight.js';

/**
 * The caller's response, written directly to the socket. Headers go out with the first
 * bytes, so an upstream that fails before sending anything can still be retried elsewhere.
 */
const BACKLOG_BYTES = 1 << 20;

export class ClientSink {
  private headersSent = false;
  private pendingHeaders: Record<string, string | number> = {};
  private status = 200;
  bytes = 0;
  firstByteAt?: number;
  /** Sees everything written, for callers sharing this answer (cache, idempotency, single-flight). */
  recorder?: ResponseRecorder;

  constructor(private readonly res: ServerResponse) {}

  get started(): boolean {
    return this.headersSent;
  }

  get closed(): boolean {
    return this.res.destroyed || this.res.writableEnded;
  }

  setHeaders(status: number, headers: Record<string, string | number>): void {
    this.status = status;
    Object.assign(this.pendingHeaders, headers);
  }

  private flushHeaders(): void {
    if (this.headersSent) return;
    this.headersSent = true;
    // No res.flushHeaders(): it is only called right before the first bytes, and without it
    // Node sends the head and those bytes in one write instead of two system calls.
    this.res.writeHead(this.status, this.pendingHeaders);
    if (this.recorder) this.recorder.head(this.status, { ...this.pendingHeaders });
  }

  /**
   * Writes; returns a promise only when the caller must wait for a slow reader to drain, so the
   * per-chunk loop does not pay a microtask for every chunk (`const w = write(c); if (w) await w`).
   */
  write(chunk: string | Uint8Array): Promise<void> | undefined {
    if (this.closed) return;
    if (!this.headersSent) {
      this.firstByteAt ??= performance.now();
      this.flushHeaders();
    }
    if (typeof chunk === 'string' ? chunk.length === 0 : chunk.byteLength === 0) return;
    this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    this.recorder?.chunk(chunk);
    // Backpressure without a round trip per chunk: wait only when a slow reader has let a
    // real backlog build up, so memory stays bounded and fast readers never wait.
    if (!this.res.write(chunk) && this.res.writableLength > BACKLOG_BYTES) {
      return Promise.race([once(this.res, 'drain'), once(this.res, 'close')]).then(() => undefined);
    }
    return undefined;
  }

  /** Writes the pieces in order, in one system call. */
  writeAll(pieces: Uint8Array[]): Promise<void> | undefined {
    if (pieces.length < 2) return pieces.length ? this.write(pieces[0]!) : undefined;
    this.res.cork();
    let wait: Promise<void> | undefined;
    for (const p of pieces) wait = this.write(p) ?? wait;
    this.res.uncork();
    return wait;
  }

  /** Sends a whole body at once (non-stream responses). */
  send(status: number, headers: Record<string, string | number>, body: string | Uint8Array): void {
    if (this.closed) return;
    this.firstByteAt ??= performance.now();
    this.headersSent = true;
    const len = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
    this.bytes += len;
    // The pending headers are not needed after this: extended in place, not copied.
    const all = Object.assign(this.pendingHeaders, headers);
    all['content-length'] = len;
    this.res.writeHead(status, all);
    this.res.end(body);
    if (this.recorder) {
      this.recorder.head(status, all);
      this.recorder.chunk(body);
      this.recorder.end();
      this.recorder = undefined;
    }
  }

  end(): void {
    if (this.closed) return;
    this.flushHeaders();
    this.res.end();
    this.recorder?.end();
    this.recorder = undefined;
  }

  /**
   * Writes the last pieces and ends, in one system call: the caller is woken once for the end of
   * the stream, not once for its last bytes and again for the chunked terminator.
   */
  endWith(last: string | Uint8Array | Uint8Array[]): void {
    if (this.closed) return;
    this.res.cork();
    if (!Array.isArray(last)) this.write(last);
    else for (const p of last) this.write(p);
    // Node's end() uncorks the socket fully: the pieces, the chunked terminator and (on a
    // one-chunk stream) the head leave together.
    this.end();
  }

  /**
   * Breaks off an answer that has no way to say it failed (audio bytes): the caller's connection
   * is destroyed, so its client sees a cut transfer, never a short file it takes for whole.
   */
  cut(): void {
    this.recorder = undefined;
    this.res.destroy();
  }

  /** The answer is over, whether or not it reached the caller: followers must not wait on it. */
  abandon(): void {
    this.recorder?.end();
    this.recorder = undefined;
  }
}
