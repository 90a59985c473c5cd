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
