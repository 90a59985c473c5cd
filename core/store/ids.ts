import { createHash, randomBytes } from 'node:crypto';

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}

/** Gateway keys are 192-bit random strings, so a plain SHA-256 is the right hash (no stretching needed). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateApiKey(): string {
  return `sk-omni-${randomBytes(24).toString('base64url')}`;
}

/** What the UI may show of a secret: enough to recognise it, never enough to use it. */
export function secretHint(secret: string): string {
  if (secret.length <= 8) return '…';
  return `${secret.slice(0, 3)}…${secret.slice(-4)}`;
}
