// The data key that encrypts provider secrets in SQLite (AES-256-GCM, see core/store/secret-box.ts).
// Desktop: a random 32-byte key wrapped with Electron's safeStorage (Keychain on macOS, DPAPI on
// Windows, libsecret/kwallet on Linux) and stored as `secret.key.safe` in the data dir; the
// unwrapped key is handed to the core as staticKeyProvider(key, 'safeStorage').
// Without an OS keyring (Linux with no secret service, where safeStorage would fall back to a
// hard-coded password: backend "basic_text"), the core's own 0600 key file is used instead, and
// the log says why. Must run after app 'ready' (safeStorage is not usable before on Linux).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileKeyProvider, staticKeyProvider, type KeyProvider } from '../core/index.js';

export const WRAPPED_KEY_FILE = 'secret.key.safe';
export const PLAIN_KEY_FILE = 'secret.key';

/** Structurally a subset of Electron's safeStorage. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export class KeyUnwrapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyUnwrapError';
  }
}

export interface DesktopKey {
  provider: KeyProvider;
  kind: 'safeStorage' | 'file';
  /** Why the file key is used, or what was migrated. */
  note?: string;
}

export function safeStorageUsable(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform,
): { ok: true } | { ok: false; why: string } {
  let available = false;
  try {
    available = safeStorage.isEncryptionAvailable();
  } catch {}
  if (!available) return { ok: false, why: 'safeStorage reports that OS encryption is not available' };
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend?.();
    if (backend === 'basic_text' || backend === 'unknown')
      return {
        ok: false,
        why: `no OS keyring (safeStorage backend "${backend}" would protect the key with a hard-coded password)`,
      };
  }
  return { ok: true };
}

function unwrap(safeStorage: SafeStorageLike, file: string): Buffer {
  let key: Buffer;
  try {
    key = Buffer.from(safeStorage.decryptString(readFileSync(file)), 'base64');
  } catch (err) {
    throw new KeyUnwrapError(
      `The OS keychain could not decrypt ${file}: ${err instanceof Error ? err.message : String(err)}. ` +
        'Your stored provider keys cannot be read without it. If the keychain was reset, remove the ' +
        'provider keys in the dashboard and add them again after deleting that file.',
    );
  }
  if (key.length !== 32)
    throw new KeyUnwrapError(`${file} does not hold a valid 32-byte key; restore it from a backup.`);
  return key;
}

export function desktopKeyProvider(options: {
  dataDir: string;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  log?: (msg: string) => void;
}): DesktopKey {
  const { dataDir, safeStorage, platform } = options;
  const log = options.log ?? (() => {});
  const wrapped = path.join(dataDir, WRAPPED_KEY_FILE);
  const plain = path.join(dataDir, PLAIN_KEY_FILE);
  const usable = safeStorageUsable(safeStorage, platform);

  if (existsSync(wrapped)) {
    if (!usable.ok)
      throw new KeyUnwrapError(
        `The key that protects your provider keys is stored in the OS keychain, which cannot be used now: ${usable.why}. ` +
          'Unlock or start your keyring (e.g. GNOME Keyring / KWallet) and start OmniRoute again.',
      );
    return { provider: staticKeyProvider(unwrap(safeStorage, wrapped), 'safeStorage'), kind: 'safeStorage' };
  }

  if (!usable.ok) {
    const note = `using the 0600 key file ${plain}: ${usable.why}`;
    log(note);
    return { provider: fileKeyProvider(dataDir), kind: 'file', note };
  }

  // A plain key from an earlier run without a keyring: move it into the keychain (same key,
  // so every stored secret stays readable), then remove the plain copy.
  const migrating = existsSync(plain);
  const key = migrating ? fileKeyProvider(dataDir).getKey() : randomBytes(32);
  writeFileSync(wrapped, safeStorage.encryptString(key.toString('base64')), { mode: 0o600, flag: 'wx' });
  const check = unwrap(safeStorage, wrapped);
  if (!check.equals(key)) {
    rmSync(wrapped, { force: true });
    throw new KeyUnwrapError('safeStorage returned a different key than it was given; not using it.');
  }
  let note: string | undefined;
  if (migrating) {
    rmSync(plain, { force: true });
    note = `moved the data key from ${PLAIN_KEY_FILE} into the OS keychain (${WRAPPED_KEY_FILE})`;
    log(note);
  }
  return { provider: staticKeyProvider(key, 'safeStorage'), kind: 'safeStorage', ...(note ? { note } : {}) };
}
