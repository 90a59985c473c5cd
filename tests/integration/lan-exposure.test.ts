import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { parseServeArgs } from '../../core/cli/main.js';
import { createLogger } from '../../core/index.js';
import { startTestCore, tempDir } from '../helpers/core.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function capture() {
  const lines: string[] = [];
  return { lines, logger: createLogger('info', (line) => lines.push(line)) };
}

describe('lanExposure', () => {
  it('needs a dashboard password; once on, says a restart is required; the next start listens on 0.0.0.0', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const t = await startTestCore({ dataDir });
    try {
      const refused = await t.api('/api/settings', {
        method: 'PATCH',
        body: JSON.stringify({ lanExposure: true }),
      });
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as any).error).toEqual({
        message: 'Set a dashboard password first: anyone on the network could otherwise open the dashboard.',
        param: 'lanExposure',
      });
      expect(t.core.runtime.settings.lanExposure).toBe(false);
      expect(((await (await t.api('/api/state')).json()) as any).restartRequired).toBe(false);

      await t.api('/api/auth/password', {
        method: 'PUT',
        body: JSON.stringify({ password: 'lan party 2024' }),
      });
      const ok = await t.api('/api/settings', {
        method: 'PATCH',
        body: JSON.stringify({ lanExposure: true }),
      });
      expect(ok.status).toBe(200);
      expect(((await (await t.api('/api/state')).json()) as any).restartRequired).toBe(true);
      // Still on loopback until the restart.
      expect(t.core.host).toBe('127.0.0.1');
      // The password cannot go while the next start would be exposed.
      const drop = await t.api('/api/auth/password', {
        method: 'PUT',
        body: JSON.stringify({ password: null, current: 'lan party 2024' }),
      });
      expect(drop.status).toBe(400);
      expect(((await drop.json()) as any).error.message).toContain('lanExposure');
    } finally {
      await t.close();
    }

    const log = capture();
    const exposed = await startTestCore({ dataDir, logger: log.logger });
    try {
      expect(exposed.core.host).toBe('0.0.0.0');
      expect(exposed.core.runtime.exposed).toBe(true);
      expect(exposed.core.runtime.apiKeyRequired).toBe(true);
      expect(((await (await exposed.api('/api/state')).json()) as any).restartRequired).toBe(false);
      const said = log.lines.filter((l) => l.includes('lanExposure is on'));
      expect(said).toHaveLength(1);
      expect(said[0]).toContain('0.0.0.0');
      expect(said[0]).toContain('gateway API keys');
      // Turning it off again is a pending change too.
      await exposed.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ lanExposure: false }) });
      expect(((await (await exposed.api('/api/state')).json()) as any).restartRequired).toBe(true);
      await exposed.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ lanExposure: true }) });
    } finally {
      await exposed.close();
    }

    // An explicit host (--host, HOST, the host option) wins over the setting.
    const log2 = capture();
    const pinned = await startTestCore({ dataDir, host: '127.0.0.1', logger: log2.logger });
    try {
      expect(pinned.core.host).toBe('127.0.0.1');
      expect(pinned.core.runtime.exposed).toBe(false);
      expect(((await (await pinned.api('/api/state')).json()) as any).restartRequired).toBe(false);
      expect(log2.lines.some((l) => l.includes('lanExposure is on'))).toBe(false);
    } finally {
      await pinned.close();
    }
  });

  it('the CLI leaves the host to the setting unless --host or HOST is given', () => {
    expect(parseServeArgs([], {}).host).toBeUndefined();
    expect(parseServeArgs(['--host', '127.0.0.1'], {}).host).toBe('127.0.0.1');
    expect(parseServeArgs([], { HOST: '::1' }).host).toBe('::1');
  });
});
