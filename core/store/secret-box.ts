import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the 32-byte data key comes from. Headless: a 0600 file in the data dir. Desktop: the
 * Electron shell wraps the same key with safeStorage (OS keychain) and hands it over.
 */
export interface KeyProvider {
  readonly kind: string;
  getKey(): Buffer;
}

export const KEY_FILE = 'secret.key';

export function fileKeyProvider(dataDir: string): KeyProvider {
  const file = path.join(dataDir, KEY_FILE);
  let cached: Buffer | undefined;
  return {
    kind: 'file',
    getKey() {
      if (cached) return cached;
      if (existsSync(file)) {
        const raw = readFileSync(file, 'utf8').trim();
        const key = Buffer.from(raw, 'base64');
        if (key.length !== 32) throw new Error(`${file} is not a valid 32-byte key; restore it from backup`);
        cached = key;
      } else {
        cached = randomBytes(32);
        writeFileSync(file, cached.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
      }
      try {
        chmodSync(file, 0o600);
      } catch {}
      return cached;
    },
  };
}

/** A key handed over as bytes (the desktop shell after unwrapping with safeStorage; tests). */
export function staticKeyProvider(key: Buffer, kind = 'static'): KeyProvider {
  if (key.length !== 32) throw new Error('the data key must be 32 bytes');
  return { kind, getKey: () => key };
}

const PREFIX = 'enc:v1:';

/** Whether a stored value is a SecretBox ciphertext (and not a plain value written before). */
export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

/** AES-256-GCM; every value gets a fresh 96-bit IV, and the tag authenticates it. */
export class SecretBox {
  constructor(private readonly keys: KeyProvider) {}

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.getKey(), iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return PREFIX + [iv, tag, body].map((b) => b.toString('base64')).join(':');
  }

  open(sealed: string): string {
    if (!sealed.startsWith(PREFIX)) throw new Error('not a sealed secret');
    const [iv, tag, body] = sealed
      .slice(PREFIX.length)
      .split(':')
      .map((s) => Buffer.from(s, 'base64'));
    if (!iv || !tag || !body) throw new Error('corrupt sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.keys.getKey(), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }
}
