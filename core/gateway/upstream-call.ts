import type { Dispatcher } from 'undici';
import { errors } from './undici.js';

export type UpstreamHeaders = Record<string, string | string[] | undefined>;

/**
 * Says when the caller went away, so its upstream request is aborted. One listener at a time (the
 * attempt in flight), not an EventEmitter or AbortSignal: those cost an allocation-heavy set-up
 * and a wrapped once-listener on every request, for an event that almost never fires.
 */
export class ClientGone {
  aborted = false;
  private listener: (() => void) | undefined = undefined;

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    const l = this.listener;
    this.listener = undefined;
    l?.();
  }

  /** Calls `listener` once if the caller goes away; `undefined` stops listening. */
  listen(listener: (() => void) | undefined): void {
    this.listener = listener;
  }

  /** Whether something listens now (tests). */
  get listening(): boolean {
    return this.listener !== undefined;
  }
}

export interface UpstreamRequest {
  origin: string;
  path: string;
  headers: Record<string, string>;
  /** Default POST; a GET sends no body. */
  method?: 'GET' | 'POST';
  /** A stream for an upload read from disk as it is sent. */
  body?: string | import('node:stream').Readable;
  signal?: ClientGone;
  /** Longest wait from the request sent to the response head, in ms (default: the dispatcher's). */
  headersTimeout?: number;
  /** Longest silence between two body chunks, in ms (default: the dispatcher's). */
  bodyTimeout?: number;
}

export interface UpstreamResponse {
  statusCode: number;
  /** Lower-cased names. */
  headers: UpstreamHeaders;
  body: UpstreamBody;
}

/** A reader that has let this much pile up pauses the upstream socket until it catches up. */
const HIGH_WATER = 64 * 1024;

/**
 * A POST through undici's `dispatch`, answered when the response head arrives. undici's
 * `request()` wraps every response in a Readable stream and a chain of promises; on a small
 * passthrough answer that wrapper cost more CPU than the proxying itself (tests/bench).
 */
export function callUpstream(dispatcher: Dispatcher, req: UpstreamRequest): Promise<UpstreamResponse> {
  return new Promise((resolve, reject) => {
    const { signal } = req;
    if (signal?.aborted) {
      reject(new errors.RequestAbortedError());
      return;
    }
    let controller: Dispatcher.DispatchController | undefined;
    let body: UpstreamBody | undefined;
    let abortedEarly = false;
    const onAbort = () => {
      const err = new errors.RequestAbortedError();
      if (controller) controller.abort(err);
      else abortedEarly = true;
    };
    signal?.listen(onAbort);
    const done = () => signal?.listen(undefined);
    dispatcher.dispatch(
      {
        origin: req.origin,
        path: req.path,
        method: req.method ?? 'POST',
        headers: req.headers,
        body: req.body ?? null,
        headersTimeout: req.headersTimeout,
        bodyTimeout: req.bodyTimeout,
      },
      {
        onRequestStart(c) {
          controller = c;
          if (abortedEarly) c.abort(new errors.RequestAbortedError());
        },
        onResponseStart(c, statusCode, headers) {
          controller = c;
          body = new UpstreamBody(c);
          resolve({ statusCode, headers: headers as UpstreamHeaders, body });
        },
        onResponseData(_c, chunk) {
          body!.push(chunk);
        },
        onResponseEnd() {
          done();
          body!.finish();
        },
        onResponseError(_c, err) {
          done();
          if (body) body.fail(err);
          else reject(err);
        },
      },
    );
  });
}

/**
 * A response body straight from the dispatch callbacks: read it whole (`bytes`, `text`) or chunk
 * by chunk (`for await`), once.
 */
export class UpstreamBody implements AsyncIterable<Buffer> {
  private chunks: Buffer[] = [];
  private head = 0;
  private queued = 0;
  private ended = false;
  /** Ended by the upstream (not by an error or `destroy`). */
  private finished = false;
  private error?: Error;
  private whole = false;
  private wake?: () => void;
  /** A `for await` waiting for the next chunk: handed it directly, not through the queue. */
  private reader?: { resolve(r: IteratorResult<Buffer>): void; reject(e: Error): void } = undefined;

  constructor(private readonly controller: Dispatcher.DispatchController) {}

  /** @internal */
  push(chunk: Buffer): void {
    const reader = this.reader;
    if (reader) {
      // One promise per chunk, settled here: no wake-up promise and re-read in between.
      this.reader = undefined;
      reader.resolve({ value: chunk, done: false });
      return;
    }
    this.chunks.push(chunk);
    this.queued += chunk.length;
    if (this.wake) this.wakeUp();
    else if (!this.whole && this.queued > HIGH_WATER && !this.controller.paused) this.controller.pause();
  }

  /**
   * Nothing more will come: the response ended and every chunk was handed out. A reader that
   * sees this right after taking a chunk holds the last one (the upstream's last bytes and its
   * end usually arrive in one read).
   */
  get complete(): boolean {
    return this.finished && this.head >= this.chunks.length;
  }

  /** @internal */
  finish(): void {
    this.finished = true;
    this.ended = true;
    this.wakeUp();
  }

  /** @internal */
  fail(err: Error): void {
    this.error = err;
    this.ended = true;
    this.wakeUp();
  }

  private wakeUp(): void {
    const r = this.reader;
    if (r) {
      this.reader = undefined;
      if (this.error) r.reject(this.error);
      else r.resolve({ value: undefined, done: true });
    }
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  private until(): Promise<void> {
    return new Promise((r) => (this.wake = r));
  }

  /** The whole body. */
  async bytes(): Promise<Buffer> {
    this.whole = true;
    if (this.controller.paused) this.controller.resume();
    while (!this.ended) await this.until();
    if (this.error) throw this.error;
    const parts = this.head ? this.chunks.slice(this.head) : this.chunks;
    this.chunks = [];
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, this.queued);
  }

  async text(): Promise<string> {
    return (await this.bytes()).toString('utf8');
  }

  /** Stops reading: the upstream request is aborted (its connection is not reused). */
  destroy(): void {
    if (this.ended) return;
    this.ended = true;
    this.controller.abort(new errors.RequestAbortedError());
  }

  [Symbol.asyncIterator](): AsyncIterator<Buffer> {
    const next = (): Promise<IteratorResult<Buffer>> => {
      if (this.head < this.chunks.length) {
        const value = this.chunks[this.head]!;
        this.chunks[this.head++] = undefined as unknown as Buffer;
        this.queued -= value.length;
        if (this.head === this.chunks.length) {
          this.chunks = [];
          this.head = 0;
        }
        if (this.controller.paused && this.queued < HIGH_WATER) this.controller.resume();
        return Promise.resolve({ value, done: false });
      }
      if (this.error) return Promise.reject(this.error);
      if (this.ended) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => (this.reader = { resolve, reject }));
    };
    return {
      next,
      return: () => {
        this.destroy();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
