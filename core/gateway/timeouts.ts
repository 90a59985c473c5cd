export interface UpstreamTimeouts {
  /** TCP/TLS connect. */
  connectMs: number;
  /** From request sent to response headers (time to first byte). */
  firstByteMs: number;
  /** Longest silence between two body chunks once the response started. */
  stallMs: number;
}

export const DEFAULT_TIMEOUTS: UpstreamTimeouts = {
  connectMs: 10_000,
  firstByteMs: 120_000,
  stallMs: 120_000,
};
