/** Failures from one address before delays start: a person mistyping is never slowed. */
const FREE_FAILURES = 5;
const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 15 * 60_000;
/** An address with no failure for this long starts afresh. */
const FORGET_AFTER_MS = 60 * 60_000;
const MAX_TRACKED = 10_000;

interface Failures {
  failures: number;
  /** No attempt is judged before this time. */
  lockedUntil: number;
  last: number;
}

/**
 * Failed password logins and admin-token attempts, per client address: after a few, each
 * further failure doubles the wait (1 s, 2 s, 4 s, … up to 15 min) during which that address is
 * answered 429 with Retry-After without the credential even being checked. Success clears it.
 */
export class LoginThrottle {
  private byAddress = new Map<string, Failures>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Seconds to wait before this address may try again; 0 when it may try now. */
  retryAfter(address: string): number {
    const r = this.byAddress.get(address);
    if (!r) return 0;
    const wait = r.lockedUntil - this.now();
    return wait > 0 ? Math.ceil(wait / 1000) : 0;
  }

  /** Records a failure; returns the failures counted so far. */
  fail(address: string): number {
    const now = this.now();
    let r = this.byAddress.get(address);
    if (!r || now - r.last > FORGET_AFTER_MS) {
      if (this.byAddress.size >= MAX_TRACKED) this.prune(now);
      r = { failures: 0, lockedUntil: 0, last: now };
      this.byAddress.set(address, r);
    }
    r.failures++;
    r.last = now;
    if (r.failures >= FREE_FAILURES) {
      const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (r.failures - FREE_FAILURES));
      r.lockedUntil = now + delay;
    }
    return r.failures;
  }

  succeed(address: string): void {
    this.byAddress.delete(address);
  }

  private prune(now: number): void {
    for (const [a, r] of this.byAddress) if (now - r.last > FORGET_AFTER_MS) this.byAddress.delete(a);
    // Still full (a flood from many addresses): drop the oldest half rather than grow.
    if (this.byAddress.size >= MAX_TRACKED) {
      let n = 0;
      for (const a of this.byAddress.keys()) {
        if (n++ >= MAX_TRACKED / 2) break;
        this.byAddress.delete(a);
      }
    }
  }
}
