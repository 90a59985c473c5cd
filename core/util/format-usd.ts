/** Tiny amounts stay readable: "$0.0006", not "$0.00". Core messages and tray notices share it. */
export function formatUsd(v: number): string {
  return v === 0 || Math.abs(v) >= 0.01 ? `$${v.toFixed(2)}` : `$${Number(v.toPrecision(2))}`;
}
