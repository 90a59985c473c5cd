import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, createLogger, type Core, type CoreOptions } from '../../core/index.js';
import { internalsOf, type CoreInternals } from '../../core/server/core-view.js';

export function tempDir(prefix = 'omniroute-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestCore {
  /** The core as a host sees it, plus its runtime and routing state for setting up and inspecting. */
  core: Core & CoreInternals;
  url: string;
  dataDir: string;
  adminToken: string;
  /** fetch against the core with the admin token. */
  api(p: string, init?: RequestInit): Promise<Response>;
  /** PUT a provider and, with `account`, add one account to it; throws when the core refuses. */
  addProvider(
    id: string,
    provider: Record<string, unknown>,
    account?: { name: string; apiKey: string },
  ): Promise<void>;
  close(): Promise<void>;
}

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export async function startTestCore(opts: Partial<CoreOptions> = {}): Promise<TestCore> {
  const dataDir = opts.dataDir ?? tempDir();
  const started = await startCore({
    dataDir,
    port: 0,
    logger: createLogger('silent'),
    adminToken: TEST_ADMIN_TOKEN,
    // Off unless a test asks: discovery's GET /models would take the replay upstream's queued answers.
    modelDiscovery: false,
    ...opts,
  });
  const core = withInternals(started);
  const api: TestCore['api'] = (p, init = {}) =>
    fetch(core.url + p, {
      ...init,
      headers: {
        authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  return {
    core,
    url: core.url,
    dataDir,
    adminToken: TEST_ADMIN_TOKEN,
    api,
    async addProvider(id, provider, account) {
      const put = await api(`/api/providers/${id}`, { method: 'PUT', body: JSON.stringify(provider) });
      if (!put.ok) throw new Error(`PUT /api/providers/${id}: ${put.status} ${await put.text()}`);
      if (!account) return;
      const post = await api('/api/connections', {
        method: 'POST',
        body: JSON.stringify({ providerId: id, ...account }),
      });
      if (!post.ok) throw new Error(`POST /api/connections (${id}): ${post.status} ${await post.text()}`);
    },
    async close() {
      await core.stop(1000);
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A started core with its runtime and router alongside (tests only: hosts get `Core` alone). */
export function withInternals(core: Core): Core & CoreInternals {
  return { ...core, ...internalsOf(core) };
}
