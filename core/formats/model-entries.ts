import type { ListedUpstreamModel } from './canonical.js';
import { isRecord } from './json.js';

/**
 * A model list answer whose entries stand in the array `body[key]` → the models `read` makes of
 * them (it skips an entry by giving undefined). Undefined: there is no such array, so the answer
 * is not that format's list. Each format names its key and reads its own entries.
 */
export function readModelList(
  body: unknown,
  key: string,
  read: (entry: Record<string, unknown>) => ListedUpstreamModel | undefined,
): ListedUpstreamModel[] | undefined {
  const entries = isRecord(body) ? body[key] : undefined;
  if (!Array.isArray(entries)) return undefined;
  const out: ListedUpstreamModel[] = [];
  for (const entry of entries) {
    const model = isRecord(entry) ? read(entry) : undefined;
    if (model) out.push(model);
  }
  return out;
}

/** A listed model's id, when it is one: not empty, and not so long that it is surely not a name. */
export function listedModelId(value: unknown): string | undefined {
  return typeof value === 'string' && value && value.length <= 200 ? value : undefined;
}
