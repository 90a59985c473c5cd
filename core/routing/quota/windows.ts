import { addDays, addMonths, daysInMonth, wallTime, zonedTimeToEpoch } from './zoned-time.js';

export type QuotaUnit = 'requests' | 'tokens';

interface WindowBase {
  /** Names the window in status and events ("5h", "weekly"); unique per connection. */
  id: string;
  unit: QuotaUnit;
  limit: number;
}

/** Usage in the last `durationMs`: each request ages out on its own. */
export interface RollingWindow extends WindowBase {
  kind: 'rolling';
  durationMs: number;
}

interface CalendarBase extends WindowBase {
  /** IANA zone, e.g. "Asia/Shanghai". */
  timeZone: string;
  /** Local wall time of the reset. */
  hour: number;
  minute?: number;
}

export interface DailyWindow extends CalendarBase {
  kind: 'daily';
}

export interface WeeklyWindow extends CalendarBase {
  kind: 'weekly';
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

export interface MonthlyWindow extends CalendarBase {
  kind: 'monthly';
  /** 1–31; in shorter months the reset is on the month's last day. */
  day: number;
}

export type CalendarWindow = DailyWindow | WeeklyWindow | MonthlyWindow;
export type QuotaWindow = RollingWindow | CalendarWindow;

type LocalDate = { year: number; month: number; day: number };

/** The reset instant of the period that begins on local date `d` (for monthly: in d's month). */
function resetOn(w: CalendarWindow, d: LocalDate): number {
  const day = w.kind === 'monthly' ? Math.min(Math.max(1, w.day), daysInMonth(d.year, d.month)) : d.day;
  return zonedTimeToEpoch(
    { year: d.year, month: d.month, day, hour: w.hour, minute: w.minute ?? 0 },
    w.timeZone,
  );
}

/** The local date of the period boundary `n` periods after the one anchored at `d`. */
function step(w: CalendarWindow, d: LocalDate, n: number): LocalDate {
  switch (w.kind) {
    case 'daily':
      return addDays(d, n);
    case 'weekly':
      return addDays(d, 7 * n);
    case 'monthly': {
      const m = addMonths(d.year, d.month, n);
      return { ...m, day: 1 };
    }
  }
}

/** A local date in the period whose reset is the latest candidate at or before `now`'s date. */
function anchor(w: CalendarWindow, nowMs: number): LocalDate {
  const t = wallTime(nowMs, w.timeZone);
  const today = { year: t.year, month: t.month, day: t.day };
  if (w.kind === 'weekly') return addDays(today, -((t.weekday - w.weekday + 7) % 7));
  if (w.kind === 'monthly') return { year: t.year, month: t.month, day: 1 };
  return today;
}

/**
 * The instant the current period began: the latest reset at or before `nowMs`. For a rolling
 * window, `nowMs − durationMs`.
 */
export function windowStart(w: QuotaWindow, nowMs: number): number {
  if (w.kind === 'rolling') return nowMs - w.durationMs;
  let d = anchor(w, nowMs);
  // At most two steps back: the anchor's reset can be later today (or later this month).
  for (let i = 0; i < 3; i++) {
    const at = resetOn(w, d);
    if (at <= nowMs) return at;
    d = step(w, d, -1);
  }
  return resetOn(w, d);
}

/**
 * The next reset strictly after `nowMs`. A rolling window has no fixed reset: this is when
 * something used now would age out (the tracker knows the real instant from its events).
 */
export function nextReset(w: QuotaWindow, nowMs: number): number {
  if (w.kind === 'rolling') return nowMs + w.durationMs;
  let d = anchor(w, nowMs);
  for (let i = 0; i < 3; i++) {
    const at = resetOn(w, d);
    if (at > nowMs) return at;
    d = step(w, d, 1);
  }
  return resetOn(w, d);
}

/** Human-readable description for docs, logs and the dashboard. */
export function describeWindow(w: QuotaWindow): string {
  const per = `${w.limit} ${w.unit}`;
  if (w.kind === 'rolling') return `${per} per rolling ${formatDuration(w.durationMs)}`;
  const at = `${String(w.hour).padStart(2, '0')}:${String(w.minute ?? 0).padStart(2, '0')} ${w.timeZone}`;
  if (w.kind === 'daily') return `${per} per day, resets ${at}`;
  if (w.kind === 'weekly') return `${per} per week, resets ${WEEKDAYS[w.weekday] ?? '?'} ${at}`;
  return `${per} per month, resets on day ${w.day} at ${at}`;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}
