import { Emitter, systemClock, type Clock } from './clock.js';

export interface Lockout {
  key: string;
  until: number;
  reason: string;
  since: number;
}

export interface LockoutSnapshot extends Lockout {
  remainingMs: number;
}

export interface LockoutEvent {
  key: string;
  locked: boolean;
  until?: number;
  reason?: string;
  at: number;
}

/** The key for a whole connection, or for one model on it (per-model rate limits). */
export function lockKey(connectionId: string, model?: string): string {
  return model === undefined ? connectionId : `${connectionId}#${model}`;
}

/**
 * Accounts (or account+model pairs) that must not be used before an instant. Entries hold an
 * absolute instant, never a duration, and expire when read: a lock whose reset has passed is
 * gone the moment anyone looks, with no timer and no restart needed.
 */
export class Lockouts {
  private readonly locks = new Map<string, Lockout>();
  private readonly events = new Emitter<LockoutEvent>();
  private readonly now: Clock;

  constructor(options: { now?: Clock } = {}) {
    this.now = options.now ?? systemClock;
  }

  onChange(listener: (e: LockoutEvent) => void): () => void {
    return this.events.on(listener);
  }

  /**
   * Locks `key` until `untilMs` exactly. The newest information replaces the old: when a
   * provider says the quota resets at 14:00, an earlier, longer cool-down guessed from a bare
   * 429 must not keep the account idle past it. Pass `{ extendOnly: true }` for guesses that
   * should never shorten an existing lock.
   */
  lock(key: string, untilMs: number, reason: string, opts: { extendOnly?: boolean } = {}): void {
    const now = this.now();
    const existing = this.live(key, now);
    if (opts.extendOnly && existing && existing.until >= untilMs) return;
    if (!(untilMs > now)) {
      // A reset instant in the past is a reset: clear whatever was there.
      if (existing) this.unlock(key);
      return;
    }
    this.locks.set(key, { key, until: untilMs, reason, since: now });
    this.events.emit({ key, locked: true, until: untilMs, reason, at: now });
  }

  unlock(key: string): boolean {
    const had = this.locks.delete(key);
    if (had) this.events.emit({ key, locked: false, at: this.now() });
    return had;
  }

  /** Clears the connection's own lock and every per-model lock on it (re-enabled, new key). */
  unlockConnection(connectionId: string): number {
    let n = 0;
    for (const key of [...this.locks.keys()]) {
      if (key === connectionId || key.startsWith(`${connectionId}#`)) n += this.unlock(key) ? 1 : 0;
    }
    return n;
  }

  isLocked(key: string): boolean {
    return this.live(key, this.now()) !== undefined;
  }

  /** Whether an attempt on this connection and model is locked, at either level. */
  isAttemptLocked(connectionId: string, model?: string): boolean {
    return (
      this.isLocked(connectionId) || (model !== undefined && this.isLocked(lockKey(connectionId, model)))
    );
  }

  lockedUntil(key: string): number | undefined {
    return this.live(key, this.now())?.until;
  }

  /** The live lock on `key`, with its reason. */
  get(key: string): Lockout | undefined {
    return this.live(key, this.now());
  }

  snapshot(): LockoutSnapshot[] {
    const now = this.now();
    const out: LockoutSnapshot[] = [];
    for (const key of [...this.locks.keys()]) {
      const l = this.live(key, now);
      if (l) out.push({ ...l, remainingMs: l.until - now });
    }
    return out.sort((a, b) => a.until - b.until || a.key.localeCompare(b.key));
  }

  private live(key: string, now: number): Lockout | undefined {
    const l = this.locks.get(key);
    if (!l) return undefined;
    if (l.until <= now) {
      this.locks.delete(key);
      this.events.emit({ key, locked: false, at: now });
      return undefined;
    }
    return l;
  }
}
