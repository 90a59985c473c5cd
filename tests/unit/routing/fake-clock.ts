/** A clock the test moves by hand. */
export function fakeClock(start = Date.UTC(2025, 0, 15, 12, 0, 0)) {
  let t = start;
  const now = () => t;
  return {
    now,
    set: (ms: number) => void (t = ms),
    advance: (ms: number) => void (t += ms),
  };
}
