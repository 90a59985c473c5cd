import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, createLogger, type Core, type CoreOptions } from '../../core/index.js';

export function tempDir(prefix = 'omniroute-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestCore {
  core: Core;
  url: string;
  dataDir: string;
  adminToken: string;
  /** fetch against the core with the admin token. */
  api(p: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export async function startTestCore(opts: Partial<CoreOptions> = {}): Promise<TestCore> {
  const dataDir = opts.dataDir ?? tempDir();
  const core = await startCore({
    dataDir,
    port: 0,
    logger: createLogger('silent'),
    adminToken: TEST_ADMIN_TOKEN,
    ...opts,
  });
  return {
    core,
    url: core.url,
    dataDir,
    adminToken: TEST_ADMIN_TOKEN,
    api: (p, init = {}) =>
      fetch(core.url + p, {
        ...init,
        headers: {
          authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
          ...(init.body ? { 'content-type': 'application/json' } : {}),
          ...(init.headers as Record<string, string> | undefined),
        },
      }),
    async close() {
      await core.stop(1000);
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
