/**
 * Model-name patterns with `*` (any run of characters, possibly empty) and `?` (exactly one
 * character), matched case-insensitively because providers disagree on case ("MiniMax-M2").
 * Shared by aliases and the price table so both rank overlapping patterns the same way.
 */
export interface CompiledGlob {
  pattern: string;
  regex: RegExp;
  /** Characters before the first wildcard: the main measure of specificity. */
  literalPrefix: number;
  wildcards: number;
  /** All non-wildcard characters: the last tie-breaker between equally prefixed patterns. */
  literalLength: number;
}

export const hasWildcard = (pattern: string): boolean => /[*?]/.test(pattern);

export function compileGlob(pattern: string): CompiledGlob {
  let source = '';
  let wildcards = 0;
  let literalPrefix = -1;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*' || ch === '?') {
      if (literalPrefix < 0) literalPrefix = i;
      wildcards++;
      // Lazy `*` so `$1` captures in alias targets take the shortest match first.
      source += ch === '*' ? '(.*?)' : '(.)';
    } else {
      source += ch.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
    }
  }
  return {
    pattern,
    regex: new RegExp(`^${source}$`, 'is'),
    literalPrefix: literalPrefix < 0 ? pattern.length : literalPrefix,
    wildcards,
    literalLength: pattern.length - wildcards,
  };
}

/**
 * Negative when `a` is more specific than `b`: longer literal prefix, then fewer wildcards,
 * then more literal characters. Callers break remaining ties by insertion order.
 */
export function compareSpecificity(a: CompiledGlob, b: CompiledGlob): number {
  return b.literalPrefix - a.literalPrefix || a.wildcards - b.wildcards || b.literalLength - a.literalLength;
}

/** The most specific of `globs` matching `name`, with its captures; earlier wins a tie. */
export function bestMatch<G extends CompiledGlob>(
  globs: Iterable<G>,
  name: string,
): { glob: G; captures: string[] } | undefined {
  let best: { glob: G; captures: string[] } | undefined;
  for (const g of globs) {
    const m = g.regex.exec(name);
    if (!m) continue;
    if (!best || compareSpecificity(g, best.glob) < 0) best = { glob: g, captures: m.slice(1) };
  }
  return best;
}
