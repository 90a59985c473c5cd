// Per-account values a provider puts in its URL (Cloudflare's account id, Azure's resource name).
// They are not secrets: they are stored with the account in plain text and shown in the API.
import type { AccountField } from './types.js';

/** Values that only ever become one URL segment or host label: no `/`, `?`, `#`, `@`, `:`. */
const SAFE_VALUE = /^[A-Za-z0-9._~-]{1,128}$/;

/** What is wrong with an account's fields for a provider that declares `defs`, one line each. */
export function accountFieldProblems(
  defs: readonly AccountField[] | undefined,
  fields: Readonly<Record<string, string>> | undefined,
): string[] {
  const out: string[] = [];
  const known = new Set((defs ?? []).map((d) => d.key));
  for (const k in fields ?? {})
    if (!known.has(k))
      out.push(
        defs?.length
          ? `unknown field "${k}" (this provider takes ${[...known].join(', ')})`
          : `unknown field "${k}" (this provider takes none)`,
      );
  for (const d of defs ?? []) {
    const v = fields?.[d.key];
    if (v === undefined) {
      if (d.default === undefined) out.push(`"${d.key}" (${d.label}) is required`);
    } else if (!SAFE_VALUE.test(v))
      out.push(`"${d.key}" must be letters, digits, ".", "_", "~" or "-" (it becomes part of the URL)`);
  }
  return out;
}

/** The account's values over the defaults: what `{key}` in the base URL becomes. */
export function fieldValues(
  defs: readonly AccountField[] | undefined,
  fields: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of defs ?? []) {
    const v = fields?.[d.key] ?? d.default;
    if (v !== undefined) out[d.key] = v;
  }
  return out;
}

/**
 * `{key}` in the URL replaced by the account's value; undefined when a value is missing or
 * unsafe (an account written before the field existed, or edited in the database).
 */
export function fillFields(url: string, values: Readonly<Record<string, string>>): string | undefined {
  let missing = false;
  const filled = url.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, (_, k: string) => {
    const v = values[k];
    if (v === undefined || !SAFE_VALUE.test(v)) {
      missing = true;
      return '';
    }
    return v;
  });
  return missing ? undefined : filled;
}
