// Same-format passthrough must leave the caller's bytes alone (re-serialising can alter big
// integers and, for Anthropic, the thinking blocks whose signatures must match byte for byte),
// so the model is swapped by splicing the raw text at the top-level key's value.

/** Finds the [start, end) span of the JSON string value of a top-level `key`, or undefined. */
export function topLevelStringSpan(raw: string, key: string): [number, number] | undefined {
  let depth = 0;
  let i = 0;
  const n = raw.length;
  let expectKey = false;
  while (i < n) {
    const ch = raw.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      const start = i;
      i++;
      while (i < n) {
        const c = raw.charCodeAt(i);
        if (c === 0x5c /* \ */) i += 2;
        else if (c === 0x22) break;
        else i++;
      }
      const end = i + 1;
      i = end;
      if (depth === 1 && expectKey) {
        // Is this string a key followed by ':' ?
        let j = i;
        while (j < n && isSpace(raw.charCodeAt(j))) j++;
        if (raw.charCodeAt(j) === 0x3a /* : */) {
          const name = JSON.parse(raw.slice(start, end)) as string;
          j++;
          while (j < n && isSpace(raw.charCodeAt(j))) j++;
          if (name === key) {
            if (raw.charCodeAt(j) !== 0x22) return undefined;
            let k = j + 1;
            while (k < n) {
              const c = raw.charCodeAt(k);
              if (c === 0x5c) k += 2;
              else if (c === 0x22) break;
              else k++;
            }
            return [j, k + 1];
          }
          expectKey = false;
          i = j;
        }
      }
      continue;
    }
    if (ch === 0x7b /* { */) {
      depth++;
      if (depth === 1) expectKey = true;
    } else if (ch === 0x5b /* [ */) depth++;
    else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) depth--;
    else if (ch === 0x2c /* , */ && depth === 1) expectKey = true;
    i++;
  }
  return undefined;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Replaces the top-level string `key` with `value`; returns undefined when there is none. */
export function spliceTopLevelString(raw: string, key: string, value: string): string | undefined {
  const span = topLevelStringSpan(raw, key);
  if (!span) return undefined;
  return raw.slice(0, span[0]) + JSON.stringify(value) + raw.slice(span[1]);
}

/**
 * Adds `"key": <json>` as the first member of the top-level object, for a key the caller knows
 * is absent (it parsed the body). Undefined when `raw` does not open with an object.
 */
export function insertTopLevelField(raw: string, key: string, json: string): string | undefined {
  let i = 0;
  while (i < raw.length && isSpace(raw.charCodeAt(i))) i++;
  if (raw.charCodeAt(i) !== 0x7b) return undefined;
  let j = i + 1;
  while (j < raw.length && isSpace(raw.charCodeAt(j))) j++;
  const empty = raw.charCodeAt(j) === 0x7d;
  return `${raw.slice(0, i + 1)}${JSON.stringify(key)}:${json}${empty ? '' : ','}${raw.slice(i + 1)}`;
}
