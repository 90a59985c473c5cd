/** `*` any run of characters, `?` one character; an empty list allows everything. */
export function modelAllowed(patterns: string[], model: string): boolean {
  if (patterns.length === 0) return true;
  return patterns.some((p) => wildcard(p).test(model));
}

const cache = new Map<string, RegExp>();
export function wildcard(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    re = new RegExp(
      '^' +
        pattern
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.') +
        '$',
    );
    cache.set(pattern, re);
  }
  return re;
}
