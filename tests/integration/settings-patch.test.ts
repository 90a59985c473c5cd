import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyConfig } from '../../core/config/apply.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

let t: TestCore;
beforeAll(async () => {
  t = await startTestCore();
});
afterAll(async () => {
  await t?.close();
});

describe('changing some settings', () => {
  it('PATCH /api/settings leaves every other setting as it was', async () => {
    await t.api('/api/settings', {
      method: 'PATCH',
      body: JSON.stringify({ systemPrompt: 'Keep me.', debugLogging: true, cacheTtlSeconds: 42 }),
    });
    const res = await t.api('/api/settings', {
      method: 'PATCH',
      body: JSON.stringify({ requireApiKey: false }),
    });
    const s = (await res.json()) as Record<string, unknown>;
    expect(s).toMatchObject({ systemPrompt: 'Keep me.', debugLogging: true, cacheTtlSeconds: 42 });
  });

  it('a config file with one setting changes only that one', async () => {
    await t.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ bodyLimitMb: 7 }) });
    applyConfig(t.core.runtime.store, { settings: { offlineMode: false } });
    expect(t.core.runtime.store.settings.all().bodyLimitMb).toBe(7);
  });
});
