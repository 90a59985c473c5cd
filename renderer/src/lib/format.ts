/** Date/number formatting in the UI language (Intl; no libraries). */
export function fmtDate(ms: number | undefined, lang: string): string {
  if (!ms) return '—';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

export function fmtNumber(n: number | undefined, lang: string, opts: Intl.NumberFormatOptions = {}): string {
  if (n === undefined || n === null || Number.isNaN(n)) return '—';
  return new Intl.NumberFormat(lang, opts).format(n);
}

export function fmtUsd(n: number | undefined, lang: string): string {
  return fmtNumber(n, lang, { style: 'currency', currency: 'USD', maximumFractionDigits: 4 });
}

export function fmtDuration(seconds: number, lang: string): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  const nf = new Intl.NumberFormat(lang, { minimumIntegerDigits: 2 });
  return `${h}:${nf.format(m)}:${nf.format(s)}`;
}

/** Splits "a, b\nc" into trimmed non-empty parts. */
export function splitList(s: string): string[] {
  return s
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Moves item `from` to index `to` (returns a new array). */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length || to < 0 || to >= out.length) return out;
  const [x] = out.splice(from, 1);
  out.splice(to, 0, x as T);
  return out;
}

/** Bytes as B / kB / MB / GB in the UI language. */
export function fmtBytes(n: number | undefined, lang: string): string {
  if (n === undefined || n === null || Number.isNaN(n)) return '—';
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return new Intl.NumberFormat(lang, {
    style: 'unit',
    unit: units[i],
    unitDisplay: i === 0 ? 'narrow' : 'short',
    maximumFractionDigits: i === 0 ? 0 : 1,
  }).format(v);
}

/** A countdown: "3d 04:05:06" past a day (the day unit in the UI language), else "04:05:06". */
export function fmtCountdown(seconds: number, lang: string): string {
  const s = Math.max(0, seconds);
  const days = Math.floor(s / 86400);
  const rest = fmtDuration(s - days * 86400, lang);
  if (days === 0) return rest;
  const d = new Intl.NumberFormat(lang, { style: 'unit', unit: 'day', unitDisplay: 'narrow' }).format(days);
  return `${d} ${rest}`;
}

/** Today's local date as YYYY-MM-DD (for file names). */
export function isoDate(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Spend against a limit in %, and its colour level: warn from 80 %, over at 100 % (a 0 limit is over). */
export function spendLevel(spent: number, limit: number): { pct: number; level: 'ok' | 'warn' | 'over' } {
  const pct = limit > 0 ? (spent / limit) * 100 : 100;
  return { pct, level: pct >= 100 ? 'over' : pct >= 80 ? 'warn' : 'ok' };
}
