import type { FastPath } from './listen.js';

/**
 * Gateway routes people reach without `/v1`: base URLs get pasted with or without it (Codex's
 * own examples use the bare host), and an SDK then calls `/chat/completions`. None of these
 * names is a dashboard page.
 */
const BARE =
  /^\/(?:chat\/completions|completions|responses|messages(?:\/count_tokens)?|models|embeddings|moderations|rerank|images\/(?:generations|edits)|audio\/(?:transcriptions|translations|speech))(?=$|\?)/;

/** Rewrites a bare gateway path to its `/v1` twin before any other check; never answers. */
export const bareGatewayPaths: FastPath = (req) => {
  const url = req.url;
  // `/v1…` (every agent configured the usual way) costs one character comparison.
  if (url && url.charCodeAt(1) !== 118 && BARE.test(url)) req.url = '/v1' + url;
  return false;
};
