import type { LoginKindId, PlanReading, PlanWindowReading } from '../../providers/login/types.js';
import { systemClock, type Clock } from '../clock.js';

/** A plan window as the dashboard and the tray show it: the vendor's numbers plus a forecast. */
export interface PlanWindowStatus extends PlanWindowReading {
  level: 'ok' | 'warning' | 'exhausted';
  /** When the vendor last reported this window. */
  observedAt: number;
  /**
   * At the pace seen so far in this window, when it runs out; undefined when it will last
   * until its reset, or when there is not enough to go on yet.
   */
  runsOutAt?: number;
}

export interface PlanLoginStatus {
  /** `login:<fingerprint>`: the key lockouts, events and the tray use. */
  key: string;
  identity: string;
  kind: LoginKindId;
  providerId: string;
  label: string;
  lastSeen: number;
  /** Set while the vendor says the plan is used up: the login's steps are skipped until then. */
  exhaustedUntil?: number;
  exhaustedReason?: string;
  windows: PlanWindowStatus[];
}

export interface PlanQuotaEvent {
  type: 'warning' | 'exhausted' | 'available' | 'reset';
  key: string;
  label: string;
  windowId: string;
  usedPct: number;
  resetsAt: number;
  at: number;
}

interface WindowState {
  reading: PlanWindowReading;
  observedAt: number;
  level: PlanWindowStatus['level'];
  /** [t, usedPct] readings of the current period, oldest first (at most MAX_SAMPLES). */
  samples: Array<[number, number]>;
}

/** A login as kept: its status without the key (derived from the identity), windows by id. */
interface LoginState extends Omit<PlanLoginStatus, 'key' | 'windows'> {
  windows: Map<string, WindowState>;
}

const MAX_SAMPLES = 64;
/** A pace measured over less than this is noise. */
const MIN_PACE_SPAN_MS = 60_000;
/** Logins not heard from in this long are forgotten (their tokens have long been rotated). */
const FORGET_AFTER_MS = 8 * 86_400_000;

export const planKey = (identity: string) => `login:${identity}`;

/**
 * The plans behind the callers' own logins, as their vendors report them on every answer:
 * exact percentages and resets, never estimates. Held in memory; each answer refreshes it.
 */
export class PlanQuotas {
  private readonly logins = new Map<string, LoginState>();
  private readonly listeners = new Set<(e: PlanQuotaEvent) => void>();
  private readonly now: Clock;
  private readonly warnPct: number;

  constructor(opts: { now?: Clock; warnAt?: number } = {}) {
    this.now = opts.now ?? systemClock;
    this.warnPct = (opts.warnAt ?? 0.8) * 100;
  }

  onChange(listener: (e: PlanQuotaEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One answer's reading for a login. */
  observe(
    login: { identity: string; kind: LoginKindId; label: string },
    providerId: string,
    reading: PlanReading,
  ): void {
    const now = this.now();
    let s = this.logins.get(login.identity);
    if (!s) {
      if (reading.windows.length === 0 && reading.exhaustedUntil === undefined) return;
      s = {
        identity: login.identity,
        kind: login.kind,
        providerId,
        label: login.label,
        windows: new Map(),
        lastSeen: now,
      };
      this.logins.set(login.identity, s);
    }
    s.lastSeen = now;
    s.label = login.label;
    s.providerId = providerId;
    if (reading.exhaustedUntil !== undefined && !reading.modelOnly) {
      s.exhaustedUntil = reading.exhaustedUntil;
      s.exhaustedReason = reading.reason;
    } else if (
      s.exhaustedUntil !== undefined &&
      reading.exhaustedUntil === undefined &&
      reading.windows.length &&
      reading.windows.every((w) => this.levelOf(w) !== 'exhausted')
    ) {
      // Windows that are all open again are the vendor saying the plan serves again (an answer
      // still showing a used-up window, like a side call's, is not).
      s.exhaustedUntil = undefined;
      s.exhaustedReason = undefined;
    }
    for (const r of reading.windows) {
      const w = s.windows.get(r.id);
      const level = this.levelOf(r);
      if (!w) {
        s.windows.set(r.id, { reading: r, observedAt: now, level, samples: [[now, r.usedPct]] });
        if (level !== 'ok') this.emit(level, s, r, now);
        continue;
      }
      // A new period (the reset moved on, or use went down): its pace starts again.
      const newPeriod =
        r.usedPct < w.reading.usedPct ||
        (r.resetsAt !== undefined &&
          w.reading.resetsAt !== undefined &&
          r.resetsAt - w.reading.resetsAt > 60_000);
      if (newPeriod) w.samples = [];
      w.samples.push([now, r.usedPct]);
      if (w.samples.length > MAX_SAMPLES) w.samples.splice(1, 1);
      const before = w.level;
      w.reading = r;
      w.observedAt = now;
      w.level = level;
      if (level !== before) {
        if (level === 'ok') this.emit('reset', s, r, now);
        else if (level === 'warning' && before === 'exhausted') this.emit('available', s, r, now);
        else this.emit(level, s, r, now);
      }
    }
  }

  /** Until when the login must be skipped (whole plan), or undefined. */
  exhaustedUntil(identity: string): number | undefined {
    const s = this.logins.get(identity);
    if (!s?.exhaustedUntil) return undefined;
    if (s.exhaustedUntil <= this.now()) {
      s.exhaustedUntil = undefined;
      s.exhaustedReason = undefined;
      return undefined;
    }
    return s.exhaustedUntil;
  }

  list(): PlanLoginStatus[] {
    const now = this.now();
    const out: PlanLoginStatus[] = [];
    for (const [id, s] of this.logins) {
      if (now - s.lastSeen > FORGET_AFTER_MS) {
        this.logins.delete(id);
        continue;
      }
      const until = this.exhaustedUntil(id);
      const status: PlanLoginStatus = {
        key: planKey(id),
        identity: id,
        kind: s.kind,
        providerId: s.providerId,
        label: s.label,
        lastSeen: s.lastSeen,
        windows: [...s.windows.values()].map((w) => this.windowStatus(w, now)),
      };
      if (until !== undefined) {
        status.exhaustedUntil = until;
        if (s.exhaustedReason) status.exhaustedReason = s.exhaustedReason;
      }
      out.push(status);
    }
    return out;
  }

  private windowStatus(w: WindowState, now: number): PlanWindowStatus {
    const r = w.reading;
    // Past its reset the vendor's figure is stale: the window has started again.
    const reset = r.resetsAt !== undefined && r.resetsAt <= now;
    const status: PlanWindowStatus = {
      ...r,
      usedPct: reset ? 0 : r.usedPct,
      level: reset ? 'ok' : w.level,
      observedAt: w.observedAt,
    };
    if (!reset) {
      const at = runsOutAt(w, now);
      if (at !== undefined) status.runsOutAt = at;
    }
    return status;
  }

  private levelOf(r: PlanWindowReading): PlanWindowStatus['level'] {
    if (r.status === 'rejected' || r.usedPct >= 100) return 'exhausted';
    if (r.usedPct >= this.warnPct || r.status === 'allowed_warning') return 'warning';
    return 'ok';
  }

  private emit(type: PlanQuotaEvent['type'], s: LoginState, r: PlanWindowReading, at: number): void {
    const e: PlanQuotaEvent = {
      type,
      key: planKey(s.identity),
      label: `${s.label} · ${r.label}`,
      windowId: r.id,
      usedPct: r.usedPct,
      resetsAt: r.resetsAt ?? 0,
      at,
    };
    for (const l of this.listeners) l(e);
  }
}

/**
 * When the window runs out at the pace seen so far: from the readings of this period when they
 * span a minute or more, else from the average since the window began (its length known).
 * Undefined when it lasts until its reset, is already out, or nothing is used yet.
 */
export function runsOutAt(
  w: { reading: PlanWindowReading; samples: ReadonlyArray<readonly [number, number]> },
  now: number,
): number | undefined {
  const r = w.reading;
  if (r.usedPct >= 100 || r.usedPct <= 0) return undefined;
  let perMs: number | undefined;
  const first = w.samples[0];
  const last = w.samples.at(-1);
  if (first && last && last[0] - first[0] >= MIN_PACE_SPAN_MS && last[1] > first[1])
    perMs = (last[1] - first[1]) / (last[0] - first[0]);
  else if (r.windowMs && r.resetsAt) {
    const elapsed = now - (r.resetsAt - r.windowMs);
    if (elapsed >= MIN_PACE_SPAN_MS) perMs = r.usedPct / elapsed;
  }
  if (!perMs || perMs <= 0) return undefined;
  const at = now + (100 - r.usedPct) / perMs;
  if (r.resetsAt !== undefined && at >= r.resetsAt) return undefined;
  return Math.round(at);
}
