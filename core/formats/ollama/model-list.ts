import type { ListedUpstreamModel } from '../canonical.js';
import { isRecord } from '../json.js';

/** `GET /api/tags` → its models; undefined when the body is not that list. */
export function parseOllamaModelList(body: unknown): ListedUpstreamModel[] | undefined {
  if (!isRecord(body) || !Array.isArray(body.models)) return undefined;
  const out: ListedUpstreamModel[] = [];
  for (const m of body.models) {
    const id = isRecord(m) ? (m.model ?? m.name) : undefined;
    if (typeof id === 'string' && id) out.push({ id });
  }
  return out;
}
