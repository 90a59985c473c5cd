/**
 * Wall-clock arithmetic in IANA time zones with nothing but Intl.DateTimeFormat: the runtime's
 * ICU data already knows every zone's rules, and the three operations quota windows need
 * (epoch → wall time, wall time → epoch, date stepping) are small enough not to justify a
 * date library in the hot path.
 */
export interface WallTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall time `ms` shows in `timeZone` (seconds precision). */
export function wallTime(ms: number, timeZone: string): WallTime {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const year = p.year!;
  const month = p.month!;
  const day = p.day!;
  return {
    year,
    month,
    day,
    hour: p.hour! % 24,
    minute: p.minute!,
    second: p.second!,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
  };
}

/** UTC offset of `timeZone` at instant `ms`, in ms (positive east of Greenwich). */
export function offsetAt(ms: number, timeZone: string): number {
  const w = wallTime(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
}

const DAY_MS = 86_400_000;

/**
 * The instant a wall time happens in `timeZone`, resolved like Temporal's "compatible"
 * disambiguation: a time that occurs twice (fall back) is the earlier one; a time that does
 * not exist (spring forward) is read with the offset in force before the jump, which lands as
 * far past the gap as it was into it — 02:30 on a 02:00→03:00 day is 03:30, exactly 24 h after
 * the previous day's 02:30. Out-of-range fields roll over (day 32 → next month), as Date.UTC.
 */
export function zonedTimeToEpoch(t: LocalTime, timeZone: string): number {
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour ?? 0, t.minute ?? 0, t.second ?? 0);
  // DST changes are far more than a day apart, so the offsets a day either side bracket it.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const fits = (candidate: number) => offsetAt(candidate, timeZone) === wall - candidate;
  const early = wall - Math.max(before, after);
  const late = wall - Math.min(before, after);
  if (fits(early)) return early;
  if (fits(late)) return late;
  return wall - before; // the gap
}

/** Calendar arithmetic on a local date (no time zone involved: wall dates only). */
export function addDays(d: { year: number; month: number; day: number }, days: number) {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** year/month shifted by `n` months, month 1–12. */
export function addMonths(year: number, month: number, n: number): { year: number; month: number } {
  const idx = year * 12 + (month - 1) + n;
  return { year: Math.floor(idx / 12), month: (((idx % 12) + 12) % 12) + 1 };
}
