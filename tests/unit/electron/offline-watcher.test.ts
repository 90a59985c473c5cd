import { createServer, type Server } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OfflineWatcher, probeTargets, tcpProbe } from '../../../electron/offline-watcher.js';

function setup(
  opts: { online?: boolean; reachable?: boolean; coreOffline?: boolean; autoOffline?: boolean } = {},
) {
  const env = {
    online: opts.online ?? true,
    reachable: opts.reachable ?? true,
    coreOffline: opts.coreOffline ?? false,
    calls: [] as boolean[],
    autoChanges: [] as boolean[],
    probes: 0,
  };
  const watcher = new OfflineWatcher({
    isOnline: () => env.online,
    probe: async () => {
      env.probes++;
      return env.reachable;
    },
    isOffline: () => env.coreOffline,
    setOffline: (x) => {
      env.calls.push(x);
      env.coreOffline = x;
    },
    autoOffline: opts.autoOffline ?? false,
    onAutoOfflineChange: (v) => env.autoChanges.push(v),
    debounceMs: 5_000,
    intervalMs: 30_000,
  });
  return { env, watcher };
}

describe('offline watcher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('goes offline only after the change held for the debounce time', async () => {
    const { env, watcher } = setup();
    await watcher.start();
    expect(env.calls).toEqual([]);
    env.online = false;
    await watcher.check();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(env.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(env.calls).toEqual([true]);
    expect(watcher.ownsOfflineState).toBe(true);
    expect(env.autoChanges).toEqual([true]);
    watcher.stop();
  });

  it('ignores a flap shorter than the debounce', async () => {
    const { env, watcher } = setup();
    await watcher.start();
    env.online = false;
    await watcher.check();
    await vi.advanceTimersByTimeAsync(2_000);
    env.online = true;
    await watcher.check();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(env.calls).toEqual([]);
    // …and a change that reverts by the time the debounce fires is not committed either
    env.online = false;
    await watcher.check();
    env.online = true;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(env.calls).toEqual([]);
    watcher.stop();
  });

  it('uses the probe when the OS says online, and polls on an interval', async () => {
    const { env, watcher } = setup();
    await watcher.start();
    const probes = env.probes;
    env.reachable = false; // OS thinks we are online, but nothing is reachable (captive portal, VPN down)
    await vi.advanceTimersByTimeAsync(30_000); // the poll notices
    expect(env.probes).toBeGreaterThan(probes);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(env.calls).toEqual([true]);
    env.reachable = true;
    await vi.advanceTimersByTimeAsync(35_000);
    expect(env.calls).toEqual([true, false]);
    expect(watcher.ownsOfflineState).toBe(false);
    watcher.stop();
  });

  it('does not probe when the OS reports no network', async () => {
    const { env, watcher } = setup({ online: false });
    await watcher.start();
    expect(env.probes).toBe(0);
    expect(env.calls).toEqual([true]); // first check commits at once
    watcher.stop();
  });

  it('never turns off an offline mode the user switched on by hand', async () => {
    const { env, watcher } = setup({ coreOffline: true, autoOffline: false });
    await watcher.start(); // network is fine
    await vi.advanceTimersByTimeAsync(60_000);
    expect(env.calls).toEqual([]);
    expect(env.coreOffline).toBe(true);
    watcher.stop();
  });

  it('hands the state to the user after a manual change, and takes it back on the next transition', async () => {
    const { env, watcher } = setup();
    await watcher.start();
    env.online = false;
    await watcher.check();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(env.calls).toEqual([true]);
    // The user forces online mode while the network is still down: the watcher must not fight it…
    env.coreOffline = false;
    watcher.manualChange();
    expect(env.autoChanges).toEqual([true, false]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(env.calls).toEqual([true]);
    // …and when the user turns offline on by hand, coming back online does not undo it.
    env.coreOffline = true;
    watcher.manualChange();
    env.online = true;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(env.calls).toEqual([true]);
    expect(env.coreOffline).toBe(true);
    watcher.stop();
  });

  it('after a restart, undoes an offline state it had set itself (persisted)', async () => {
    const { env, watcher } = setup({ coreOffline: true, autoOffline: true });
    await watcher.start();
    expect(env.calls).toEqual([false]);
    watcher.stop();
  });

  it('treats a throwing probe as offline', async () => {
    const setOffline = vi.fn();
    const watcher = new OfflineWatcher({
      isOnline: () => true,
      probe: async () => {
        throw new Error('boom');
      },
      isOffline: () => false,
      setOffline,
    });
    await watcher.start();
    expect(setOffline).toHaveBeenCalledWith(true);
    watcher.stop();
  });
});

describe('tcp probe', () => {
  let server: Server;
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  it('succeeds when any target accepts a connection, fails when none does', async () => {
    server = createServer((s) => s.destroy());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const closed = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    expect(
      await tcpProbe(
        () => [
          { host: '127.0.0.1', port: closed },
          { host: '127.0.0.1', port },
        ],
        2_000,
      )(),
    ).toBe(true);
    expect(await tcpProbe(() => [{ host: '127.0.0.1', port: closed }], 2_000)()).toBe(false);
    expect(await tcpProbe(() => [], 2_000)()).toBe(true);
  });

  it('probe targets are the host:port of remote base URLs, deduplicated', () => {
    expect(
      probeTargets([
        'https://api.openai.com/v1',
        'https://api.openai.com/v1/x',
        'http://10.0.0.2:8080',
        'not a url',
        'ftp://x',
      ]),
    ).toEqual([
      { host: 'api.openai.com', port: 443 },
      { host: '10.0.0.2', port: 8080 },
    ]);
  });
});
