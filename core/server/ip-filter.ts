import type { Runtime } from '../runtime/runtime.js';
import { IpMatcher, isLoopbackAddress, normalizeAddress } from '../util/cidr.js';
import type { Logger } from '../util/logger.js';
import { refuseEarly } from './early-refusal.js';
import { followSettings } from './follow-settings.js';
import type { FastPath } from './listen.js';

/**
 * `settings.ipAllowList` / `ipDenyList`, parsed once per config change. A peer is refused when
 * it is denied, or when an allow list exists and it is not on it. Loopback always passes, so
 * nobody can lock themselves out of their own machine.
 */
export class IpFilter {
  private allow = new IpMatcher([]);
  private deny = new IpMatcher([]);
  /** Verdict per peer address: keep-alive clients and busy agents repeat the same few. */
  private verdicts = new Map<string, boolean>();

  constructor(
    rt: Runtime,
    private readonly opts: { trustLoopback?: boolean; logger?: Logger } = {},
  ) {
    followSettings(
      rt,
      (s) => [s.ipAllowList, s.ipDenyList] as const,
      ([allow, deny]) => {
        this.allow = new IpMatcher(allow);
        this.deny = new IpMatcher(deny);
        this.verdicts = new Map();
      },
    );
  }

  /** Whether a peer at `remote` (as the socket reports it) may use the server. */
  /** No list is set: everyone may connect. */
  get open(): boolean {
    return this.allow.size === 0 && this.deny.size === 0;
  }

  allows(remote: string | undefined): boolean {
    if (this.allow.size === 0 && this.deny.size === 0) return true;
    // No address: the socket is already gone; nothing to answer.
    if (!remote) return false;
    let v = this.verdicts.get(remote);
    if (v === undefined) {
      v = this.judge(remote);
      if (this.verdicts.size >= 4096) this.verdicts.clear();
      this.verdicts.set(remote, v);
      if (!v) this.opts.logger?.info('refused a peer by the IP lists', { address: normalizeAddress(remote) });
    }
    return v;
  }

  private judge(remote: string): boolean {
    if (this.opts.trustLoopback !== false && isLoopbackAddress(remote)) return true;
    if (this.deny.has(remote)) return false;
    return this.allow.size === 0 || this.allow.has(remote);
  }
}

/**
 * Runs before Hono and before the gateway's raw fast path, so both are covered: answers 403
 * (in the caller's wire format on /v1 and /v1beta) and returns true for a refused peer.
 */
export function ipGate(filter: IpFilter): FastPath {
  return (req, res) => {
    // Lists empty (the usual case): not even the peer address is asked for (a system call).
    if (filter.open) return false;
    const remote = req.socket.remoteAddress;
    if (filter.allows(remote)) return false;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const message = `Connections from ${remote ? normalizeAddress(remote) : 'this address'} are not allowed (settings ipAllowList / ipDenyList).`;
    return refuseEarly(req, res, path, message, { close: true });
  };
}
