import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const ADMIN_TOKEN_FILE = 'admin.token';

/** The management API's bearer token, made at first start and kept in the data directory. */
export function loadOrCreateAdminToken(dataDir: string): string {
  const file = path.join(dataDir, ADMIN_TOKEN_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const token = `omni-admin-${randomBytes(24).toString('base64url')}`;
  writeFileSync(file, token + '\n', { mode: 0o600 });
  return token;
}

/**
 * The admin token of a gateway that runs with `dataDir`, for a command talking to it from
 * outside (`omniroute login`, `omniroute dashboard`): `$OMNIROUTE_ADMIN_TOKEN` wins, as at start.
 * Throws when the file is not there.
 */
export function readAdminToken(dataDir: string, env: NodeJS.ProcessEnv): string {
  return env.OMNIROUTE_ADMIN_TOKEN ?? readFileSync(path.join(dataDir, ADMIN_TOKEN_FILE), 'utf8').trim();
}
