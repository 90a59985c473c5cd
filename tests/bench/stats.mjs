// The figures benchmarks take from their interleaved slices.

/** The middle value, or the mean of the two middle ones. */
export const median = (arr) => {
  const a = [...arr].sort((x, y) => x - y);
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
};

/** Slice by slice, a ÷ b: slices of the same round ran side by side, under the same neighbours. */
export const pairedRatios = (a, b) => a.map((x, i) => x / b[i]);
