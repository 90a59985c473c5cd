import { Emitter, systemClock, type Clock } from '../clock.js';
import { isValidTimeZone } from './zoned-time.js';
import { nextReset, windowStart, type QuotaWindow } from './windows.js';

export interface QuotaUsage {
  requests?: number;
  tokens?: number;
}

export type QuotaLevel = 'ok' | 'warning' | 'exhausted';

export interface WindowStatus {
  window: QuotaWindow;
  used: number;
  limit: number;
  remaining: number;
  /** 0–100 */
  remainingPct: number;
  level: QuotaLevel;
  /**
   * Calendar windows: the next reset. Rolling windows: when the oldest counted usage ages out
   * (usage next goes down), or now + duration when nothing is counted.
   */
  resetsAt: number;
  /** Only when exhausted: the instant some of this window is usable again. */
  availableAt?: number;
}

export interface QuotaEvent {
  /**
   * warning: crossed the warning threshold upwards; exhausted: reached the limit;
   * available: was exhausted, is not any more but still above the warning threshold;
   * reset: back below the warning threshold (a calendar reset, or rolling usage aged out).
   */
  type: 'warning' | 'exhausted' | 'available' | 'reset';
  connectionId: string;
  windowId: string;
  used: number;
  limit: number;
  resetsAt: number;
  at: number;
}

export interface QuotaTrackerOptions {
  now?: Clock;
  /** Fraction of the limit that raises a warning. Default 0.8. */
  warnAt?: number;
}

interface RollingEvent {
  /** When the first usage merged into this event happened. */
  first: number;
  /** When the last one did: the event ages out at t + duration. */
  t: number;
  amount: number;
}

interface WindowState {
  window: QuotaWindow;
  /** Calendar windows: the start of the period `used` belongs to. */
  periodStart: number;
  /**
   * Calendar windows: the period's end (next reset), cached so the hot path only asks
   * Intl for time-zone math once per period; undefined means "recompute".
   */
  periodEnd?: number;
  used: number;
  /** Rolling windows: usage events, oldest first. */
  events: RollingEvent[];
  level: QuotaLevel;
}

/** Persistable form: what must survive a restart so quotas are not forgotten. */
export type QuotaTrackerState = Record<
  string,
  Record<string, { periodStart?: number; used?: number; events?: Array<[number, number]> }>
>;

/**
 * Rolling windows coalesce events this close together (at most 300 per window): memory stays
 * bounded at any request rate, and coalescing only ever makes a reset a little late, never early.
 */
const coalesceMs = (durationMs: number) => Math.max(1000, Math.floor(durationMs / 300));

export function validateWindow(w: QuotaWindow): void {
  if (!w.id) throw new Error('quota window needs an id');
  if (!(Number.isFinite(w.limit) && w.limit > 0))
    throw new Error(`quota window "${w.id}": limit must be > 0`);
  if (w.kind === 'rolling') {
    if (!(w.durationMs > 0)) throw new Error(`quota window "${w.id}": durationMs must be > 0`);
    return;
  }
  if (!isValidTimeZone(w.timeZone))
    throw new Error(`quota window "${w.id}": unknown time zone "${w.timeZone}"`);
  if (!(Number.isInteger(w.hour) && w.hour >= 0 && w.hour <= 23))
    throw new Error(`quota window "${w.id}": hour must be 0–23`);
  const minute = w.minute ?? 0;
  if (!(Number.isInteger(minute) && minute >= 0 && minute <= 59))
    throw new Error(`quota window "${w.id}": minute must be 0–59`);
  if (w.kind === 'weekly' && !(Number.isInteger(w.weekday) && w.weekday >= 0 && w.weekday <= 6))
    throw new Error(`quota window "${w.id}": weekday must be 0 (Sunday)–6`);
  if (w.kind === 'monthly' && !(Number.isInteger(w.day) && w.day >= 1 && w.day <= 31))
    throw new Error(`quota window "${w.id}": day must be 1–31`);
}

/**
 * Usage per connection against its quota windows. Resets are applied lazily whenever a
 * connection is read or recorded, so no timer runs; `check()` sweeps every connection (call it
 * from any existing tick) and `nextChangeAt()` says when the next reset is due, for a single
 * unref'd timer if the host wants prompt events.
 */
export class QuotaTracker {
  private readonly conns = new Map<string, WindowState[]>();
  private readonly events = new Emitter<QuotaEvent>();
  private readonly now: Clock;
  private readonly warnAt: number;

  constructor(options: QuotaTrackerOptions = {}) {
    this.now = options.now ?? systemClock;
    this.warnAt = options.warnAt ?? 0.8;
  }

  onChange(listener: (e: QuotaEvent) => void): () => void {
    return this.events.on(listener);
  }

  /**
   * Sets a connection's windows. Usage is kept for windows whose id stays (a changed limit or
   * schedule applies from now on); windows no longer listed are dropped.
   */
  configure(connectionId: string, windows: QuotaWindow[]): void {
    const ids = new Set<string>();
    for (const w of windows) {
      validateWindow(w);
      if (ids.has(w.id)) throw new Error(`quota window id "${w.id}" appears twice`);
      ids.add(w.id);
    }
    const old = new Map((this.conns.get(connectionId) ?? []).map((s) => [s.window.id, s]));
    const now = this.now();
    const next = windows.map((w): WindowState => {
      const prev = old.get(w.id);
      // A changed schedule starts a fresh period at the next read (roll compares the start).
      if (prev && prev.window.kind === w.kind) return { ...prev, window: w, periodEnd: undefined };
      return { window: w, periodStart: windowStart(w, now), used: 0, events: [], level: 'ok' };
    });
    if (next.length === 0) this.conns.delete(connectionId);
    else this.conns.set(connectionId, next);
    this.refresh(connectionId);
  }

  remove(connectionId: string): void {
    this.conns.delete(connectionId);
  }

  windows(connectionId: string): QuotaWindow[] {
    return (this.conns.get(connectionId) ?? []).map((s) => s.window);
  }

  connections(): string[] {
    return [...this.conns.keys()];
  }

  /** Counts usage at `atMs` (default now) in every window of the matching unit. */
  record(connectionId: string, usage: QuotaUsage, atMs: number = this.now()): void {
    const states = this.conns.get(connectionId);
    if (!states) return;
    this.roll(states, this.now());
    for (const s of states) {
      const amount = s.window.unit === 'requests' ? (usage.requests ?? 0) : (usage.tokens ?? 0);
      if (!(amount > 0)) continue;
      if (s.window.kind === 'rolling') {
        if (atMs <= this.now() - s.window.durationMs) continue;
        insertEvent(s.events, atMs, amount, coalesceMs(s.window.durationMs));
        s.used += amount;
      } else if (atMs >= s.periodStart) {
        s.used += amount;
      }
    }
    this.refresh(connectionId);
  }

  /**
   * Replaces a window's usage with a figure the provider reported (usage APIs, headers).
   * For a rolling window the whole amount is dated now, which is conservative.
   */
  setUsed(connectionId: string, windowId: string, used: number): void {
    const s = this.conns.get(connectionId)?.find((x) => x.window.id === windowId);
    if (!s) return;
    const now = this.now();
    this.roll([s], now);
    s.used = Math.max(0, used);
    if (s.window.kind === 'rolling') s.events = s.used > 0 ? [{ first: now, t: now, amount: s.used }] : [];
    this.refresh(connectionId);
  }

  status(connectionId: string): WindowStatus[] {
    const states = this.conns.get(connectionId);
    if (!states) return [];
    this.refresh(connectionId);
    const now = this.now();
    return states.map((s) => this.describe(s, now));
  }

  /** True when ANY window is used up: one empty window is enough to stop routing there. */
  exhausted(connectionId: string): boolean {
    return this.status(connectionId).some((w) => w.level === 'exhausted');
  }

  /** When an exhausted connection can be used again (the latest of its exhausted windows). */
  availableAt(connectionId: string): number | undefined {
    let at: number | undefined;
    for (const w of this.status(connectionId)) {
      if (w.availableAt !== undefined) at = Math.max(at ?? 0, w.availableAt);
    }
    return at;
  }

  /** Applies due resets on every connection (and emits their events). */
  check(): void {
    for (const id of this.conns.keys()) this.refresh(id);
  }

  /** The earliest instant at which some window's usage goes down; undefined when none is counted. */
  nextChangeAt(): number | undefined {
    let at: number | undefined;
    const now = this.now();
    for (const states of this.conns.values()) {
      this.roll(states, now);
      for (const s of states) {
        if (s.used <= 0) continue;
        const t = s.window.kind === 'rolling' ? s.events[0]!.t + s.window.durationMs : this.periodEnd(s, now);
        at = at === undefined ? t : Math.min(at, t);
      }
    }
    return at;
  }

  exportState(): QuotaTrackerState {
    const now = this.now();
    const out: QuotaTrackerState = {};
    for (const [id, states] of this.conns) {
      this.roll(states, now);
      out[id] = Object.fromEntries(
        states.map((s) => [
          s.window.id,
          s.window.kind === 'rolling'
            ? { events: s.events.map((e): [number, number] => [e.t, e.amount]) }
            : { periodStart: s.periodStart, used: s.used },
        ]),
      );
    }
    return out;
  }

  /** Restores usage saved by exportState for connections already configured. */
  restoreState(state: QuotaTrackerState): void {
    for (const [id, windows] of Object.entries(state)) {
      const states = this.conns.get(id);
      if (!states) continue;
      for (const s of states) {
        const saved = windows[s.window.id];
        if (!saved) continue;
        if (s.window.kind === 'rolling') {
          s.events = (saved.events ?? [])
            .filter(([t, a]) => Number.isFinite(t) && a > 0)
            .sort((a, b) => a[0] - b[0])
            .map(([t, amount]) => ({ first: t, t, amount }));
          s.used = s.events.reduce((sum, e) => sum + e.amount, 0);
        } else if (saved.periodStart !== undefined && saved.used !== undefined) {
          s.periodStart = saved.periodStart;
          s.periodEnd = undefined;
          s.used = Math.max(0, saved.used);
        }
      }
      this.refresh(id);
    }
  }

  private describe(s: WindowState, now: number): WindowStatus {
    const w = s.window;
    const remaining = Math.max(0, w.limit - s.used);
    const out: WindowStatus = {
      window: w,
      used: s.used,
      limit: w.limit,
      remaining,
      remainingPct: (remaining / w.limit) * 100,
      level: s.level,
      resetsAt:
        w.kind === 'rolling'
          ? s.events.length > 0
            ? s.events[0]!.t + w.durationMs
            : nextReset(w, now)
          : this.periodEnd(s, now),
    };
    if (s.level === 'exhausted') {
      if (w.kind === 'rolling') {
        // Walk the oldest events out until the window is under its limit again.
        let used = s.used;
        for (const e of s.events) {
          used -= e.amount;
          if (used < w.limit) {
            out.availableAt = e.t + w.durationMs;
            break;
          }
        }
      } else {
        out.availableAt = this.periodEnd(s, now);
      }
    }
    return out;
  }

  /** Drops aged-out rolling events and zeroes calendar windows whose period has passed. */
  private roll(states: WindowState[], now: number): void {
    for (const s of states) {
      const w = s.window;
      if (w.kind === 'rolling') {
        const cutoff = now - w.durationMs;
        let drop = 0;
        while (drop < s.events.length && s.events[drop]!.t <= cutoff) {
          s.used -= s.events[drop]!.amount;
          drop++;
        }
        if (drop > 0) s.events.splice(0, drop);
        if (s.events.length === 0) s.used = 0; // no float residue
      } else {
        // Fast path: still inside the cached period, no time-zone math needed.
        if (s.periodEnd !== undefined && now >= s.periodStart && now < s.periodEnd) continue;
        const start = windowStart(w, now);
        if (start !== s.periodStart) {
          s.periodStart = start;
          s.used = 0;
        }
        s.periodEnd = nextReset(w, now);
      }
    }
  }

  private periodEnd(s: WindowState, now: number): number {
    if (s.periodEnd === undefined) s.periodEnd = nextReset(s.window, now);
    return s.periodEnd;
  }

  private refresh(connectionId: string): void {
    const states = this.conns.get(connectionId);
    if (!states) return;
    const now = this.now();
    this.roll(states, now);
    for (const s of states) {
      const level = this.levelOf(s);
      const prev = s.level;
      if (level === prev) continue;
      s.level = level;
      const rank = { ok: 0, warning: 1, exhausted: 2 } as const;
      const type: QuotaEvent['type'] =
        rank[level] > rank[prev]
          ? level === 'exhausted'
            ? 'exhausted'
            : 'warning'
          : level === 'ok'
            ? 'reset'
            : 'available';
      const d = this.describe(s, now);
      this.events.emit({
        type,
        connectionId,
        windowId: s.window.id,
        used: d.used,
        limit: d.limit,
        resetsAt: d.resetsAt,
        at: now,
      });
    }
  }

  private levelOf(s: WindowState): QuotaLevel {
    if (s.used >= s.window.limit) return 'exhausted';
    if (s.used >= s.window.limit * this.warnAt) return 'warning';
    return 'ok';
  }
}

/**
 * Appends, or merges into the last event when it began less than `coalesce` ago. A merged event
 * carries its latest time, so its usage ages out a little late rather than early, and since a
 * merge is only allowed within `coalesce` of the event's first time it cannot drift forever.
 */
function insertEvent(events: RollingEvent[], t: number, amount: number, coalesce: number): void {
  const last = events[events.length - 1];
  if (!last || t >= last.t) {
    if (last && t - last.first < coalesce) {
      last.t = t;
      last.amount += amount;
    } else {
      events.push({ first: t, t, amount });
    }
    return;
  }
  // Out of order (a late usage report): insert in place; rare, so a linear scan is fine.
  let i = events.length - 1;
  while (i > 0 && events[i - 1]!.t > t) i--;
  events.splice(i, 0, { first: t, t, amount });
}
