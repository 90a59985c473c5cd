import { Emitter, systemClock, systemRandom, type Clock, type Random } from './clock.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Consecutive failures that open the circuit. Default 5. */
  failureThreshold?: number;
  /**
   * Also open when, within `windowMs` (kept in tenths, so up to a tenth longer), at least
   * `minRequests` outcomes have this failure ratio. Default 0.5; 0 turns it off.
   */
  failureRatio?: number;
  /** Default 60 s. */
  windowMs?: number;
  /** Default 10: a ratio over three requests says little. */
  minRequests?: number;
  /** First open period. Default 30 s. */
  coolDownMs?: number;
  /** Each re-open without a close in between multiplies the cool-down. Default 2. */
  coolDownMultiplier?: number;
  /** Default 10 min. */
  maxCoolDownMs?: number;
  /** ± fraction of the cool-down, so breakers opened together do not probe together. Default 0.2. */
  jitter?: number;
  /** Trial requests allowed at once while half-open. Default 1. */
  halfOpenProbes?: number;
  /** A probe that never reports back frees its slot after this long. Default 60 s. */
  probeTimeoutMs?: number;
  now?: Clock;
  random?: Random;
}

export interface BreakerTransition {
  key: string;
  from: BreakerState;
  to: BreakerState;
  at: number;
  /** When open: the instant it becomes half-open. */
  retryAt?: number;
}

export interface BreakerSnapshot {
  key: string;
  state: BreakerState;
  consecutiveFailures: number;
  /** Opens since the last close; drives the exponential cool-down. */
  opens: number;
  openedAt?: number;
  retryAt?: number;
  probesInFlight: number;
}

interface Bucket {
  start: number;
  ok: number;
  fail: number;
}

interface Entry {
  state: BreakerState;
  consecutiveFailures: number;
  opens: number;
  openedAt?: number;
  retryAt?: number;
  /** Start times of half-open probes not yet reported. */
  probes: number[];
  buckets: Bucket[];
}

/** The ratio window is kept as this many buckets: bounded memory, O(1) per outcome. */
const BUCKETS = 10;

/**
 * A circuit breaker per key (provider id or connection id). Time-based transitions
 * (open → half-open) happen lazily when the key is read, so there is no timer to keep the
 * process alive; listeners hear about them at that moment.
 */
export class CircuitBreaker {
  private readonly entries = new Map<string, Entry>();
  private readonly events = new Emitter<BreakerTransition>();
  private opts: Required<Omit<BreakerOptions, 'now' | 'random'>>;
  private readonly now: Clock;
  private readonly random: Random;

  constructor(options: BreakerOptions = {}) {
    this.now = options.now ?? systemClock;
    this.random = options.random ?? systemRandom;
    this.opts = {
      failureThreshold: options.failureThreshold ?? 5,
      failureRatio: options.failureRatio ?? 0.5,
      windowMs: options.windowMs ?? 60_000,
      minRequests: options.minRequests ?? 10,
      coolDownMs: options.coolDownMs ?? 30_000,
      coolDownMultiplier: options.coolDownMultiplier ?? 2,
      maxCoolDownMs: options.maxCoolDownMs ?? 600_000,
      jitter: options.jitter ?? 0.2,
      halfOpenProbes: options.halfOpenProbes ?? 1,
      probeTimeoutMs: options.probeTimeoutMs ?? 60_000,
    };
  }

  onChange(listener: (t: BreakerTransition) => void): () => void {
    return this.events.on(listener);
  }

  /**
   * Changes thresholds and cool-downs for what happens next: a circuit already open keeps the
   * retry instant it was given, but its next failure, open or probe follows the new options.
   */
  setOptions(options: Omit<BreakerOptions, 'now' | 'random'>): void {
    const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    this.opts = { ...this.opts, ...defined };
  }

  /** Failures in a row since the last success (0 for an unknown key); a health signal for strategies. */
  consecutiveFailures(key: string): number {
    return this.entries.get(key)?.consecutiveFailures ?? 0;
  }

  /**
   * Whether a request may go to `key` now. While half-open this takes one of the probe slots,
   * so call it only when the request is really about to be sent, and report its outcome.
   */
  canPass(key: string): boolean {
    const e = this.refresh(key);
    if (!e || e.state === 'closed') return true;
    if (e.state === 'open') return false;
    const now = this.now();
    e.probes = e.probes.filter((t) => now - t < this.opts.probeTimeoutMs);
    if (e.probes.length >= this.opts.halfOpenProbes) return false;
    e.probes.push(now);
    return true;
  }

  onSuccess(key: string): void {
    const e = this.refresh(key) ?? this.create(key);
    this.count(e, false);
    if (e.state === 'half-open') {
      this.transition(key, e, 'closed');
      return;
    }
    // A late success from before the circuit opened does not close it: only a probe may.
    if (e.state === 'closed') e.consecutiveFailures = 0;
  }

  onFailure(key: string): void {
    const e = this.refresh(key) ?? this.create(key);
    if (e.state === 'open') return; // late result of a request sent before it opened
    this.count(e, true);
    e.consecutiveFailures++;
    if (e.state === 'half-open') {
      this.transition(key, e, 'open');
      return;
    }
    if (e.consecutiveFailures >= this.opts.failureThreshold || this.ratioTripped(e)) {
      this.transition(key, e, 'open');
    }
  }

  state(key: string): BreakerState {
    return this.refresh(key)?.state ?? 'closed';
  }

  snapshot(): BreakerSnapshot[] {
    const out: BreakerSnapshot[] = [];
    for (const key of [...this.entries.keys()]) {
      const e = this.refresh(key)!;
      const s: BreakerSnapshot = {
        key,
        state: e.state,
        consecutiveFailures: e.consecutiveFailures,
        opens: e.opens,
        probesInFlight: e.probes.length,
      };
      if (e.openedAt !== undefined) s.openedAt = e.openedAt;
      if (e.retryAt !== undefined) s.retryAt = e.retryAt;
      out.push(s);
    }
    return out;
  }

  /** Forgets everything about `key` (the user re-enabled an account, or changed its key). */
  reset(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    if (e.state !== 'closed') this.events.emit({ key, from: e.state, to: 'closed', at: this.now() });
  }

  private create(key: string): Entry {
    const e: Entry = { state: 'closed', consecutiveFailures: 0, opens: 0, probes: [], buckets: [] };
    this.entries.set(key, e);
    return e;
  }

  /** Applies the time-based transition open → half-open. */
  private refresh(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (e && e.state === 'open' && e.retryAt !== undefined && this.now() >= e.retryAt) {
      this.transition(key, e, 'half-open');
    }
    return e;
  }

  private transition(key: string, e: Entry, to: BreakerState): void {
    const from = e.state;
    const at = this.now();
    e.state = to;
    e.probes = [];
    if (to === 'open') {
      e.opens++;
      e.openedAt = at;
      e.retryAt = at + this.coolDown(e.opens);
    } else if (to === 'closed') {
      e.opens = 0;
      e.consecutiveFailures = 0;
      e.buckets = [];
      delete e.openedAt;
      delete e.retryAt;
    }
    const t: BreakerTransition = { key, from, to, at };
    if (to === 'open') t.retryAt = e.retryAt!;
    this.events.emit(t);
  }

  /** base × multiplier^(opens−1), jittered, then capped: repeated opens back off further. */
  coolDown(opens: number): number {
    const { coolDownMs, coolDownMultiplier, maxCoolDownMs, jitter } = this.opts;
    const raw = coolDownMs * coolDownMultiplier ** Math.max(0, opens - 1);
    const jittered = raw * (1 + jitter * (2 * this.random() - 1));
    return Math.round(Math.min(maxCoolDownMs, Math.max(0, jittered)));
  }

  private count(e: Entry, failed: boolean): void {
    const now = this.now();
    const width = Math.max(1, Math.floor(this.opts.windowMs / BUCKETS));
    const start = now - (now % width);
    const last = e.buckets[e.buckets.length - 1];
    if (last && last.start === start) {
      if (failed) last.fail++;
      else last.ok++;
    } else {
      e.buckets.push({ start, ok: failed ? 0 : 1, fail: failed ? 1 : 0 });
    }
    const oldest = now - this.opts.windowMs;
    while (e.buckets.length > 0 && e.buckets[0]!.start + width <= oldest) e.buckets.shift();
  }

  private ratioTripped(e: Entry): boolean {
    if (!(this.opts.failureRatio > 0 && this.opts.failureRatio <= 1)) return false;
    let ok = 0;
    let fail = 0;
    for (const b of e.buckets) {
      ok += b.ok;
      fail += b.fail;
    }
    const total = ok + fail;
    return total >= this.opts.minRequests && fail / total >= this.opts.failureRatio;
  }
}
