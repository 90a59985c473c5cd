import { createHash } from 'node:crypto';

/** A finished answer, as the caller received it. */
export interface CachedResponse {
  status: number;
  headers: Record<string, string | number>;
  body: Buffer;
  /** The request that produced it, for the log. */
  requestId: string;
  route?: string;
}

interface Entry {
  value: CachedResponse;
  expiresAt: number;
  bytes: number;
}

export interface CacheStats {
  entries: number;
  hits: number;
  misses: number;
  bytes: number;
}

/** Identity of a request for sharing answers: who asked (key), where, and the exact body. */
export function requestFingerprint(parts: Array<string | undefined>, body: string): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p ?? '').update('\0');
  return h.update(body).digest('base64url');
}

/**
 * Answers to identical non-streamed temperature-0 requests, kept in memory for a TTL and
 * bounded by bytes (least recently used goes first). Map order is the recency order: a hit
 * moves its entry to the end.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;

  constructor(private readonly now: () => number = Date.now) {}

  get(key: string): CachedResponse | undefined {
    const e = this.entries.get(key);
    if (!e) {
      this.misses++;
      return undefined;
    }
    if (e.expiresAt <= this.now()) {
      this.delete(key, e);
      this.misses++;
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, e);
    this.hits++;
    return e.value;
  }

  set(key: string, value: CachedResponse, ttlMs: number, maxBytes: number): void {
    const bytes = value.body.byteLength + 256;
    // One answer larger than a quarter of the cache would evict everything else for little gain.
    if (bytes > maxBytes / 4) return;
    const old = this.entries.get(key);
    if (old) this.delete(key, old);
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs, bytes });
    this.bytes += bytes;
    this.evict(maxBytes);
  }

  /** Drops expired entries and, while over the bound, the least recently used. */
  evict(maxBytes: number): void {
    const now = this.now();
    for (const [k, e] of this.entries) {
      if (this.bytes <= maxBytes && e.expiresAt > now) break;
      if (this.bytes > maxBytes || e.expiresAt <= now) this.delete(k, e);
    }
  }

  clear(): number {
    const n = this.entries.size;
    this.entries.clear();
    this.bytes = 0;
    return n;
  }

  stats(): CacheStats {
    return { entries: this.entries.size, hits: this.hits, misses: this.misses, bytes: this.bytes };
  }

  private delete(key: string, e: Entry): void {
    this.entries.delete(key);
    this.bytes -= e.bytes;
  }
}
