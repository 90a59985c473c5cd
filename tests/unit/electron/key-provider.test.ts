import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { fileKeyProvider } from '../../../core/index.js';
import {
  desktopKeyProvider,
  KeyUnwrapError,
  PLAIN_KEY_FILE,
  WRAPPED_KEY_FILE,
} from '../../../electron/key-provider.js';
import { startTestCore, tempDir } from '../../helpers/core.js';
import { FakeSafeStorage } from '../../helpers/fake-electron.js';
import path from 'node:path';

const dirs: string[] = [];
const dir = () => {
  const d = tempDir('omniroute-key-');
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('desktop key provider', () => {
  it('safeStorage available: creates a random key, stores it only wrapped (0600), and unwraps the same key next time', () => {
    const d = dir();
    const ss = new FakeSafeStorage();
    const logs: string[] = [];
    const first = desktopKeyProvider({
      dataDir: d,
      safeStorage: ss,
      platform: 'darwin',
      log: (m) => logs.push(m),
    });
    expect(first.kind).toBe('safeStorage');
    expect(first.provider.kind).toBe('safeStorage');
    const key = first.provider.getKey();
    expect(key).toHaveLength(32);
    const file = path.join(d, WRAPPED_KEY_FILE);
    const onDisk = readFileSync(file);
    expect(onDisk.includes(Buffer.from(key.toString('base64')))).toBe(false); // not stored in the clear
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(path.join(d, PLAIN_KEY_FILE))).toBe(false);
    const again = desktopKeyProvider({ dataDir: d, safeStorage: ss, platform: 'darwin' });
    expect(again.provider.getKey().equals(key)).toBe(true);
    expect(logs).toEqual([]);
  });

  it('safeStorage unavailable: falls back to the core 0600 key file and says why', () => {
    const d = dir();
    const ss = new FakeSafeStorage();
    ss.available = false;
    const logs: string[] = [];
    const k = desktopKeyProvider({
      dataDir: d,
      safeStorage: ss,
      platform: 'linux',
      log: (m) => logs.push(m),
    });
    expect(k.kind).toBe('file');
    expect(k.provider.kind).toBe('file');
    expect(k.provider.getKey()).toHaveLength(32);
    expect(existsSync(path.join(d, PLAIN_KEY_FILE))).toBe(true);
    expect(existsSync(path.join(d, WRAPPED_KEY_FILE))).toBe(false);
    expect(logs.join('\n')).toMatch(/0600 key file.*not available/);
  });

  it('Linux with the "basic_text" backend (no keyring) counts as unavailable', () => {
    const d = dir();
    const ss = new FakeSafeStorage();
    ss.backend = 'basic_text';
    const k = desktopKeyProvider({ dataDir: d, safeStorage: ss, platform: 'linux' });
    expect(k.kind).toBe('file');
    expect(k.note).toMatch(/basic_text/);
    expect(ss.encryptCalls).toBe(0);
  });

  it('moves an existing plain key into the keychain, keeping the same key', () => {
    const d = dir();
    const plainKey = fileKeyProvider(d).getKey();
    const k = desktopKeyProvider({ dataDir: d, safeStorage: new FakeSafeStorage(), platform: 'linux' });
    expect(k.kind).toBe('safeStorage');
    expect(k.provider.getKey().equals(plainKey)).toBe(true);
    expect(existsSync(path.join(d, PLAIN_KEY_FILE))).toBe(false);
    expect(k.note).toMatch(/moved/);
  });

  it('refuses to start (instead of making a new key) when a wrapped key exists but cannot be unwrapped', () => {
    const d = dir();
    desktopKeyProvider({ dataDir: d, safeStorage: new FakeSafeStorage(), platform: 'darwin' });
    const locked = new FakeSafeStorage();
    locked.available = false;
    expect(() => desktopKeyProvider({ dataDir: d, safeStorage: locked, platform: 'linux' })).toThrow(
      KeyUnwrapError,
    );
    writeFileSync(path.join(d, WRAPPED_KEY_FILE), 'garbage');
    expect(() =>
      desktopKeyProvider({ dataDir: d, safeStorage: new FakeSafeStorage(), platform: 'darwin' }),
    ).toThrow(/could not decrypt/);
    expect(existsSync(path.join(d, PLAIN_KEY_FILE))).toBe(false);
  });

  it('the unwrapped key encrypts provider secrets in the core, and they survive a restart', async () => {
    const d = dir();
    const ss = new FakeSafeStorage();
    const t1 = await startTestCore({
      dataDir: d,
      keyProvider: desktopKeyProvider({ dataDir: d, safeStorage: ss, platform: 'darwin' }).provider,
    });
    const res = await t1.api('/api/connections', {
      method: 'POST',
      body: JSON.stringify({ providerId: 'openai', name: 'work', apiKey: 'sk-test-abcdefghijklmnop' }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    await t1.close();
    const t2 = await startTestCore({
      dataDir: d,
      keyProvider: desktopKeyProvider({ dataDir: d, safeStorage: ss, platform: 'darwin' }).provider,
    });
    expect(t2.core.runtime.secret(id)).toBe('sk-test-abcdefghijklmnop');
    await t2.close();
  });
});
