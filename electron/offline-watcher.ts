// Automatic offline mode. Electron's net.isOnline() says whether the OS has a network at all;
// a cheap probe (a TCP connect to the providers' hosts, no bytes sent) says whether it reaches
// anything. A change must hold for `debounceMs` before it counts, so a flapping Wi-Fi does not
// flip the gateway back and forth. The watcher only undoes offline states it set itself: when
// the user turned offline mode on by hand, it stays on until the user turns it off.
import net from 'node:net';

export interface OfflineWatcherDeps {
  /** Electron: `net.isOnline()`. */
  isOnline: () => boolean;
  /** Reaches the outside world? Only called when isOnline() is true. */
  probe: () => Promise<boolean>;
  /** The core's current offline setting. */
  isOffline: () => boolean;
  /** The core: `core.setOffline(offline, 'auto')`. */
  setOffline: (offline: boolean) => void;
  /** Whether the current offline state was set by this watcher (persisted across restarts). */
  autoOffline?: boolean;
  onAutoOfflineChange?: (autoOffline: boolean) => void;
  debounceMs?: number;
  intervalMs?: number;
  log?: (msg: string) => void;
}

export class OfflineWatcher {
  /** The last confirmed connectivity; undefined until the first check. */
  private stable: boolean | undefined;
  private pending: { value: boolean; timer: ReturnType<typeof setTimeout> } | undefined;
  private interval: ReturnType<typeof setInterval> | undefined;
  private autoOffline: boolean;
  private checking: Promise<void> | undefined;
  private stopped = false;
  readonly debounceMs: number;
  readonly intervalMs: number;

  constructor(private readonly deps: OfflineWatcherDeps) {
    this.autoOffline = deps.autoOffline ?? false;
    this.debounceMs = deps.debounceMs ?? 5_000;
    this.intervalMs = deps.intervalMs ?? 30_000;
  }

  /** First check at once (confirmed without debounce: nothing to flap from), then polling. */
  async start(): Promise<void> {
    this.stopped = false;
    this.interval = setInterval(() => void this.check(), this.intervalMs);
    this.interval.unref?.();
    const online = await this.sample();
    if (this.stopped) return;
    this.commit(online);
  }

  stop(): void {
    this.stopped = true;
    if (this.interval) clearInterval(this.interval);
    if (this.pending) clearTimeout(this.pending.timer);
    this.interval = undefined;
    this.pending = undefined;
  }

  /** The user changed offline mode by hand: from now on that choice is theirs, not ours. */
  manualChange(): void {
    this.setAuto(false);
  }

  get connectivity(): boolean | undefined {
    return this.stable;
  }

  get ownsOfflineState(): boolean {
    return this.autoOffline;
  }

  /** Samples now (also on resume / OS network events); a change is confirmed after debounceMs. */
  check(): Promise<void> {
    this.checking ??= (async () => {
      try {
        const online = await this.sample();
        if (this.stopped) return;
        if (online === this.stable) {
          // Flapped back before the debounce expired: forget the pending change.
          if (this.pending) clearTimeout(this.pending.timer);
          this.pending = undefined;
          return;
        }
        if (this.pending?.value === online) return; // already waiting to confirm this
        if (this.pending) clearTimeout(this.pending.timer);
        const timer = setTimeout(() => void this.confirm(online), this.debounceMs);
        timer.unref?.();
        this.pending = { value: online, timer };
      } finally {
        this.checking = undefined;
      }
    })();
    return this.checking;
  }

  private async confirm(expected: boolean): Promise<void> {
    this.pending = undefined;
    const online = await this.sample();
    if (this.stopped) return;
    if (online === expected) this.commit(online);
  }

  private async sample(): Promise<boolean> {
    try {
      if (!this.deps.isOnline()) return false;
      return await this.deps.probe();
    } catch {
      return false;
    }
  }

  private commit(online: boolean): void {
    this.stable = online;
    const offline = this.deps.isOffline();
    if (!online && !offline) {
      this.deps.log?.('network unreachable: switching to offline mode');
      this.setAuto(true);
      this.deps.setOffline(true);
    } else if (online && offline && this.autoOffline) {
      this.deps.log?.('network back: leaving offline mode');
      this.setAuto(false);
      this.deps.setOffline(false);
    }
  }

  private setAuto(v: boolean): void {
    if (this.autoOffline === v) return;
    this.autoOffline = v;
    this.deps.onAutoOfflineChange?.(v);
  }
}

/**
 * A probe that opens a TCP connection to any of the targets (the remote providers' API hosts)
 * and closes it at once: no request, no third-party "connectivity check" host. No targets (only
 * local providers configured) means there is nothing to reach, so the OS's answer stands.
 */
export function tcpProbe(
  targets: () => Array<{ host: string; port: number }>,
  timeoutMs = 3_000,
  connect: typeof net.connect = net.connect,
): () => Promise<boolean> {
  return async () => {
    const list = targets().slice(0, 3);
    if (list.length === 0) return true;
    const attempts = list.map(
      ({ host, port }) =>
        new Promise<boolean>((resolve) => {
          const s = connect({ host, port });
          const done = (ok: boolean) => {
            s.destroy();
            resolve(ok);
          };
          s.setTimeout(timeoutMs, () => done(false));
          s.once('connect', () => done(true));
          s.once('error', () => done(false));
        }),
    );
    return new Promise<boolean>((resolve) => {
      let left = attempts.length;
      for (const a of attempts)
        void a.then((ok) => {
          if (ok) resolve(true);
          else if (--left === 0) resolve(false);
        });
    });
  };
}

/** host:port of each remote provider base URL, deduplicated. */
export function probeTargets(baseUrls: readonly string[]): Array<{ host: string; port: number }> {
  const seen = new Set<string>();
  const out: Array<{ host: string; port: number }> = [];
  for (const raw of baseUrls) {
    try {
      const u = new URL(raw);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') continue;
      const port = u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
      const key = `${u.hostname}:${port}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ host: u.hostname.replace(/^\[|\]$/g, ''), port });
    } catch {}
  }
  return out;
}
