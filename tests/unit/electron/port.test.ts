import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PortInUseError } from '../../../core/index.js';
import { findFreePort, isPortFree, NoFreePortError, startOnFreePort } from '../../../electron/port.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))));
});

function occupy(port: number): Promise<number> {
  const s = createServer();
  servers.push(s);
  return new Promise((resolve, reject) => {
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve((s.address() as { port: number }).port));
  });
}

/** A base port with `n` free ports after it (best effort on a shared machine). */
async function freeRun(n: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 30_000 + Math.floor(Math.random() * 20_000);
    let ok = true;
    for (let i = 0; i < n && ok; i++) ok = await isPortFree(base + i);
    if (ok) return base;
  }
  throw new Error('no free run of ports');
}

describe('port selection on 127.0.0.1', () => {
  it('takes the preferred port when it is free', async () => {
    const base = await freeRun(2);
    expect(await findFreePort(base)).toBe(base);
  });

  it('moves to the next free port when the preferred one is taken by a real socket', async () => {
    const base = await freeRun(3);
    await occupy(base);
    await occupy(base + 1);
    expect(await isPortFree(base)).toBe(false);
    expect(await findFreePort(base)).toBe(base + 2);
  });

  it('gives up after a bounded number of attempts', async () => {
    const base = await freeRun(2);
    await occupy(base);
    await occupy(base + 1);
    await expect(findFreePort(base, { attempts: 2 })).rejects.toBeInstanceOf(NoFreePortError);
  });

  it('starts on the first free port and reports that it moved', async () => {
    const base = await freeRun(2);
    await occupy(base);
    const tried: number[] = [];
    const r = await startOnFreePort(
      async (port) => {
        tried.push(port);
        return occupy(port); // the "core" really listens there
      },
      { preferred: base, isInUse: (e) => e instanceof PortInUseError },
    );
    expect(r).toEqual({ value: base + 1, port: base + 1, moved: true });
    expect(tried).toEqual([base + 1]);
  });

  it('moves on when the port is lost in a race, and rethrows other errors', async () => {
    const base = await freeRun(3);
    const r = await startOnFreePort(
      async (port) => {
        if (port === base) throw new PortInUseError('127.0.0.1', port);
        return port;
      },
      { preferred: base, isInUse: (e) => e instanceof PortInUseError },
    );
    expect(r).toMatchObject({ port: base + 1, moved: true });
    await expect(
      startOnFreePort(
        async () => {
          throw new Error('database is locked');
        },
        { preferred: base, isInUse: (e) => e instanceof PortInUseError },
      ),
    ).rejects.toThrow('database is locked');
  });
});
