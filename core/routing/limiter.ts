import { systemClock, type Clock } from './clock.js';

export interface Limits {
  /** Request starts per sliding minute. */
  rpm?: number;
  /** Minimum time between two request starts. */
  minGapMs?: number;
  /** Requests in flight at once. */
  maxConcurrent?: number;
}

export type Acquired = {
  ok: true;
  /** The request finished: frees its concurrency slot. Idempotent. */
  release(): void;
  /**
   * The request was never sent after all (a later check refused it): frees the slot and takes
   * the start back, so it counts towards neither rpm nor the gap. Idempotent, and a no-op
   * after release().
   */
  cancel(): void;
};
export type Refused = { ok: false; retryInMs: number; reason: 'rpm' | 'gap' | 'concurrency' };

interface KeyState {
  /** Start times within the last minute, oldest first (from `head`). */
  starts: number[];
  head: number;
  lastStart?: number;
  inFlight: number;
}

const MINUTE = 60_000;

/**
 * A per-connection limiter that never waits: it says yes (with a release handle) or "not for
 * another N ms", and the router moves on to the next account instead of queueing. Limits are
 * passed per call so a config change applies to the very next request.
 */
export class Limiter {
  private readonly keys = new Map<string, KeyState>();
  private readonly now: Clock;
  /** Concurrency frees on a release, at no known time: this is only a polling hint. */
  private readonly concurrencyRetryMs: number;

  constructor(options: { now?: Clock; concurrencyRetryMs?: number } = {}) {
    this.now = options.now ?? systemClock;
    this.concurrencyRetryMs = options.concurrencyRetryMs ?? 250;
  }

  tryAcquire(key: string, limits: Limits): Acquired | Refused {
    const now = this.now();
    const s = this.state(key);
    this.prune(s, now);
    if (limits.maxConcurrent !== undefined && s.inFlight >= limits.maxConcurrent) {
      return { ok: false, retryInMs: this.concurrencyRetryMs, reason: 'concurrency' };
    }
    if (limits.rpm !== undefined) {
      const rpm = Math.floor(limits.rpm);
      const count = s.starts.length - s.head;
      if (rpm <= 0) return { ok: false, retryInMs: MINUTE, reason: 'rpm' };
      if (count >= rpm) {
        // The start that has to leave the window for one more to fit.
        const blocking = s.starts[s.head + count - rpm]!;
        return { ok: false, retryInMs: blocking + MINUTE - now, reason: 'rpm' };
      }
    }
    if (limits.minGapMs !== undefined && s.lastStart !== undefined) {
      const wait = s.lastStart + limits.minGapMs - now;
      if (wait > 0) return { ok: false, retryInMs: wait, reason: 'gap' };
    }
    const previousStart = s.lastStart;
    s.starts.push(now);
    s.lastStart = now;
    s.inFlight++;
    let released = false;
    const release = () => {
      // Idempotent: error paths often release twice (catch + finally).
      if (released) return false;
      released = true;
      s.inFlight = Math.max(0, s.inFlight - 1);
      return true;
    };
    return {
      ok: true,
      release: () => void release(),
      cancel: () => {
        if (!release()) return;
        // Starts are appended in time order, so the newest equal value is this one.
        for (let i = s.starts.length - 1; i >= s.head; i--) {
          if (s.starts[i] === now) {
            s.starts.splice(i, 1);
            break;
          }
        }
        // Another start in the same millisecond keeps the gap anchored at `now`.
        if (s.lastStart === now && s.starts[s.starts.length - 1] !== now) s.lastStart = previousStart;
      },
    };
  }

  snapshot(): Array<{ key: string; inFlight: number; lastMinute: number }> {
    const now = this.now();
    return [...this.keys].map(([key, s]) => {
      this.prune(s, now);
      return { key, inFlight: s.inFlight, lastMinute: s.starts.length - s.head };
    });
  }

  private state(key: string): KeyState {
    let s = this.keys.get(key);
    if (!s) {
      s = { starts: [], head: 0, inFlight: 0 };
      this.keys.set(key, s);
    }
    return s;
  }

  private prune(s: KeyState, now: number): void {
    while (s.head < s.starts.length && s.starts[s.head]! <= now - MINUTE) s.head++;
    // Compact now and then so the array does not grow forever (amortised O(1)).
    if (s.head > 64 && s.head * 2 > s.starts.length) {
      s.starts.splice(0, s.head);
      s.head = 0;
    }
  }
}
