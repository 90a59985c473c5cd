import type { ServerResponse } from 'node:http';

/** What a recorder sees of a response: the head, each chunk, the end. */
export interface ResponseRecorder {
  head(status: number, headers: Record<string, string | number>): void;
  chunk(data: string | Uint8Array): void;
  end(): void;
}

type Listener = (ev: { kind: 'head' } | { kind: 'chunk'; data: Buffer } | { kind: 'end' }) => void;

/** Recorded answers are bounded: past this a flight serves only those already attached. */
const MAX_RECORDED_BYTES = 8 << 20;

/**
 * One upstream answer shared by several callers: the request that went upstream records its
 * response here as it is written, and identical requests attach and receive the same bytes,
 * live, from the first one — a stream is never buffered before it reaches a follower.
 */
export class Flight implements ResponseRecorder {
  status?: number;
  headers?: Record<string, string | number>;
  readonly chunks: Buffer[] = [];
  bytes = 0;
  done = false;
  /** Too large to replay from the start; callers already attached still get everything. */
  truncated = false;
  private readonly listeners = new Set<Listener>();

  constructor(
    readonly leaderId: string,
    /** Hash of the body, to tell a reused Idempotency-Key from a retry. */
    readonly bodyHash: string,
  ) {}

  head(status: number, headers: Record<string, string | number>): void {
    this.status = status;
    this.headers = headers;
    for (const l of this.listeners) l({ kind: 'head' });
  }

  chunk(data: string | Uint8Array): void {
    const buf =
      typeof data === 'string'
        ? Buffer.from(data)
        : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (!this.truncated) {
      this.bytes += buf.byteLength;
      if (this.bytes > MAX_RECORDED_BYTES) {
        this.truncated = true;
        this.chunks.length = 0;
      } else this.chunks.push(buf);
    }
    for (const l of this.listeners) l({ kind: 'chunk', data: buf });
  }

  end(): void {
    this.done = true;
    for (const l of this.listeners) l({ kind: 'end' });
    this.listeners.clear();
  }

  /** Whether a new caller can still get the whole answer. */
  get replayable(): boolean {
    return !this.truncated;
  }

  /**
   * Writes this flight's answer to another caller: what was recorded so far, then the rest as
   * it arrives. Resolves when the caller has the whole answer or went away.
   */
  follow(
    res: ServerResponse,
    extraHeaders: Record<string, string>,
    /** The answer when the first request ended without one (its own caller went away). */
    failed: () => { status: number; body: string },
    /** Another recorder that must see this copy (the follower's own idempotency flight). */
    mirror?: ResponseRecorder,
  ): Promise<{ bytes: number; status: number }> {
    return new Promise((resolve) => {
      let bytes = 0;
      let headWritten = false;
      const writeHead = () => {
        if (headWritten || this.status === undefined) return;
        headWritten = true;
        const h: Record<string, string | number> = { ...this.headers, ...extraHeaders };
        // The follower's copy is written whole or streamed; either way its length is the leader's.
        res.writeHead(this.status, h);
        mirror?.head(this.status, h);
      };
      const finish = () => {
        this.listeners.delete(listener);
        if (this.status === undefined && !res.headersSent && !res.destroyed) {
          const f = failed();
          const h = {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(f.body),
            ...extraHeaders,
          };
          res.writeHead(f.status, h);
          res.end(f.body);
          mirror?.head(f.status, h);
          mirror?.chunk(f.body);
          mirror?.end();
          resolve({ bytes: 0, status: f.status });
          return;
        }
        if (!res.writableEnded && !res.destroyed) res.end();
        mirror?.end();
        resolve({ bytes, status: this.status ?? 502 });
      };
      const listener: Listener = (ev) => {
        if (res.destroyed) {
          this.listeners.delete(listener);
          mirror?.end();
          resolve({ bytes, status: this.status ?? 499 });
          return;
        }
        if (ev.kind === 'head') writeHead();
        else if (ev.kind === 'chunk') {
          writeHead();
          bytes += ev.data.byteLength;
          res.write(ev.data);
          mirror?.chunk(ev.data);
        } else {
          writeHead();
          finish();
        }
      };
      res.once('close', () => {
        if (this.listeners.delete(listener)) {
          mirror?.end();
          resolve({ bytes, status: 499 });
        }
      });
      writeHead();
      for (const c of this.chunks) {
        bytes += c.byteLength;
        res.write(c);
        mirror?.chunk(c);
      }
      if (this.done) finish();
      else this.listeners.add(listener);
    });
  }
}

/** Flights by key, each kept for as long as its kind needs it. */
export class FlightTable {
  private readonly flights = new Map<string, Flight>();

  get(key: string): Flight | undefined {
    return this.flights.get(key);
  }

  start(key: string, leaderId: string, bodyHash: string): Flight {
    const f = new Flight(leaderId, bodyHash);
    this.flights.set(key, f);
    return f;
  }

  /** Forgets the flight now, or after `keepMs` (the idempotency window). */
  release(key: string, flight: Flight, keepMs = 0): void {
    const drop = () => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    };
    if (keepMs <= 0) drop();
    else setTimeout(drop, keepMs).unref();
  }

  get size(): number {
    return this.flights.size;
  }
}

/** Several recorders fed as one (idempotency flight, coalescing flight, cache capture). */
export function teeRecorder(recorders: ResponseRecorder[]): ResponseRecorder | undefined {
  if (recorders.length <= 1) return recorders[0];
  return {
    head: (status, headers) => recorders.forEach((r) => r.head(status, headers)),
    chunk: (data) => recorders.forEach((r) => r.chunk(data)),
    end: () => recorders.forEach((r) => r.end()),
  };
}
