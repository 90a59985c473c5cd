import { createHash, randomBytes } from 'node:crypto';

/** Outstanding links kept at once; older ones stop working first. */
const MAX_OPEN = 32;
export const LINK_PATH = '/auth/link';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * One-time sign-in links for the dashboard (the pattern Jupyter made familiar): the host prints
 * or opens `<url>/auth/link?token=…`, and the first visit trades the token for an HttpOnly
 * session cookie. Only hashes are kept, in memory: a restart invalidates every link.
 */
export class DashboardLinks {
  private open = new Set<string>();

  /** A new link on the server at `origin` (`http://127.0.0.1:20128`). */
  url(origin: string): string {
    return `${origin}${LINK_PATH}?token=${this.mint()}`;
  }

  private mint(): string {
    const token = randomBytes(32).toString('base64url');
    if (this.open.size >= MAX_OPEN) this.open.delete(this.open.values().next().value!);
    this.open.add(sha(token));
    return token;
  }

  /** True once per minted token. */
  consume(token: string | undefined): boolean {
    if (!token || token.length > 200) return false;
    return this.open.delete(sha(token));
  }
}
