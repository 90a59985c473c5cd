// Gemini's model discovery: `GET /v1beta/models` (paged with pageSize / pageToken, as
// @google/genai's `models.list()` pager asks) and `GET /v1beta/models/{model}` (`models.get`).
// Shapes: https://ai.google.dev/api/models

import { invalidRequest } from '../canonical.js';

/** The methods a model of each kind answers (a kind not here answers none of Gemini's). */
const METHODS: Readonly<Record<string, readonly string[]>> = {
  chat: ['generateContent', 'streamGenerateContent', 'countTokens'],
  embedding: ['embedContent', 'batchEmbedContents'],
};

/** Google caps a page at 1000 models whatever pageSize asks for. */
export const MAX_PAGE_SIZE = 1000;

/** A Gemini `Model` resource for a name the gateway serves; `kind` as the registry says (chat…). */
export function geminiModel(id: string, kind = 'chat'): Record<string, unknown> {
  return { name: `models/${id}`, displayName: id, supportedGenerationMethods: [...(METHODS[kind] ?? [])] };
}

/** The model id in `models/{id}` paths; the SDK sends `models/` once, some callers twice. */
export function modelIdFromPath(rest: string): string {
  let id = rest;
  try {
    id = decodeURIComponent(rest);
  } catch {}
  return id.startsWith('models/') ? id.slice('models/'.length) : id;
}

// The token is the offset of the page's first model; opaque to callers, so base64url.
const encodeToken = (offset: number) => Buffer.from(`o${offset}`).toString('base64url');
function decodeToken(token: string): number | undefined {
  const m = /^o(\d{1,9})$/.exec(Buffer.from(token, 'base64url').toString('latin1'));
  return m ? Number(m[1]) : undefined;
}

/**
 * One page of `ids`. Without pageSize the whole list is one page: clients written before the
 * gateway paged (and Google's own default of 50) would otherwise lose models silently.
 */
export function geminiModelPage(
  ids: ReadonlyArray<{ id: string; kind?: string }>,
  query: { pageSize?: string; pageToken?: string },
): { models: Array<Record<string, unknown>>; nextPageToken?: string } {
  let size = ids.length;
  if (query.pageSize !== undefined && query.pageSize !== '') {
    if (!/^\d{1,9}$/.test(query.pageSize))
      throw invalidRequest('pageSize must be a non-negative integer.', 'pageSize');
    const asked = Number(query.pageSize);
    if (asked > 0) size = Math.min(asked, MAX_PAGE_SIZE);
  }
  let offset = 0;
  if (query.pageToken) {
    const decoded = decodeToken(query.pageToken);
    if (decoded === undefined || decoded > ids.length)
      throw invalidRequest('pageToken is not one this server issued.', 'pageToken');
    offset = decoded;
  }
  const page: { models: Array<Record<string, unknown>>; nextPageToken?: string } = {
    models: ids.slice(offset, offset + size).map((m) => geminiModel(m.id, m.kind)),
  };
  if (offset + size < ids.length) page.nextPageToken = encodeToken(offset + size);
  return page;
}
