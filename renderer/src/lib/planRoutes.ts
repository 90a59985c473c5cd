import type { PlanRoute } from '../api/types';

/** The built route whose accounts sign in from the ChatGPT plan provider (no login kind). */
export const CHATGPT_SIGN_IN_ROUTE = 'sign-in-with-chatgpt';

/** The query's words, lower-cased: "Claude  login" → ["claude", "login"]. */
export function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Every word of the query is in one of the texts (case-insensitive); an empty query matches. */
export function matchesAllWords(query: string, texts: readonly string[]): boolean {
  const words = queryWords(query);
  if (!words.length) return true;
  const hay = texts.join('\n').toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** The routes the Providers filter finds: on their name, reason and what works instead. */
export function filterPlanRoutes(routes: readonly PlanRoute[], query: string): PlanRoute[] {
  return routes.filter((r) => matchesAllWords(query, [r.name, r.reason, r.instead]));
}
