// Helpers for the formats' BodyPolicies (codec.ts): a caller's own body changed in place.

export type Body = Record<string, unknown>;

/** `text` joined to a system text the caller already has, before or after it. */
export function joinText(existing: string, text: string, position: 'prepend' | 'append'): string {
  if (!existing) return text;
  return position === 'prepend' ? `${text}\n\n${existing}` : `${existing}\n\n${text}`;
}

/** `body[key]` without `drop`; the key goes when nothing is left of it. */
export function withoutKeys(body: Body, key: string, drop: readonly string[]): void {
  const v = body[key];
  if (!v || typeof v !== 'object') return;
  const rest: Body = {};
  for (const [k, x] of Object.entries(v as Body)) if (!drop.includes(k)) rest[k] = x;
  if (Object.keys(rest).length) body[key] = rest;
  else delete body[key];
}
