import type { Connection, Provider } from '../api/types';

/** The built-in provider whose accounts sign in with ChatGPT (core/providers/chatgpt-plan). */
export const CHATGPT_PLAN_PROVIDER = 'chatgpt-plan';

/** Where a user sees and manages how much of their plan apps use (OpenAI's "Manage usage"). */
export const MANAGE_USAGE_URL = 'https://chatgpt.com/settings/usage';

/** How often a sign-in in progress is asked about, and for how long (the core forgets it after 15 min). */
export const SIGN_IN_POLL_MS = 1000;
export const SIGN_IN_TIMEOUT_MS = 15 * 60_000;

/** Accounts of this provider are added by signing in with ChatGPT, never with an API key. */
export function signsInWithChatGpt(p: Pick<Provider, 'id' | 'signIn'>): boolean {
  return p.signIn === 'chatgpt' || (p.signIn === undefined && p.id === CHATGPT_PLAN_PROVIDER);
}

export function chatGptAccounts(connections: Connection[]): Connection[] {
  return connections.filter((c) => c.providerId === CHATGPT_PLAN_PROVIDER);
}

/**
 * A ChatGPT plan account refused because the plan's usage limit for this app was reached
 * (`subscription_sharing_usage_limit_exceeded`, a 429; no reset time is documented, so the core
 * rests the account as after any 429): an attempt in the log, or a lockout's reason. Its first
 * action is "Manage usage".
 */
export function isPlanUsageLimit(a: { providerId?: string; status?: number; error?: string }): boolean {
  if (a.providerId !== CHATGPT_PLAN_PROVIDER) return false;
  return a.status === 429 || /usage[_ ]limit|\b429\b|quota exhausted/i.test(a.error ?? '');
}
