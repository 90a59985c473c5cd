import { randomBytes } from 'node:crypto';

/** Ids must stay URL/JSON-safe and recognisable by prefix (resp_, msg_, rs_, fc_), like OpenAI's. */
export function idStem(requestId: string | undefined): string {
  const stem = (requestId ?? '').replace(/[^A-Za-z0-9]/g, '');
  return stem || randomBytes(12).toString('hex');
}

export function responseId(existing: string | undefined, requestId: string): string {
  return existing && existing.startsWith('resp_') ? existing : `resp_${idStem(requestId)}`;
}
