import { bestMatch, compileGlob, hasWildcard, type CompiledGlob } from './glob.js';

export interface AliasMatch {
  target: string;
  pattern: string;
}

interface Entry extends CompiledGlob {
  target: string;
}

/**
 * Model aliases: `pattern → target`, where the pattern may use `*` and `?`. An exact alias
 * beats any pattern; among patterns the most specific wins (longest literal prefix, then fewer
 * wildcards, then more literal characters, then the one added first). A target may use `$1`…`$9`
 * for what the wildcards matched: `gpt-*` → `openai/gpt-$1`.
 */
export class AliasTable {
  /** Lower-cased pattern → the alias as written. */
  private readonly exact = new Map<string, { pattern: string; target: string }>();
  private patterns: Entry[] = [];

  constructor(entries: Record<string, string> | Array<{ pattern: string; target: string }> = {}) {
    const list = Array.isArray(entries)
      ? entries
      : Object.entries(entries).map(([pattern, target]) => ({ pattern, target }));
    for (const e of list) this.set(e.pattern, e.target);
  }

  set(pattern: string, target: string): void {
    if (!pattern) throw new Error('alias pattern is empty');
    if (!target) throw new Error(`alias "${pattern}" has no target`);
    this.delete(pattern);
    if (hasWildcard(pattern)) this.patterns.push({ ...compileGlob(pattern), target });
    else this.exact.set(pattern.toLowerCase(), { pattern, target });
  }

  delete(pattern: string): boolean {
    const before = this.patterns.length;
    this.patterns = this.patterns.filter((p) => p.pattern !== pattern);
    return this.exact.delete(pattern.toLowerCase()) || this.patterns.length !== before;
  }

  list(): Array<{ pattern: string; target: string }> {
    return [...this.exactAliases(), ...this.patterns.map((p) => ({ pattern: p.pattern, target: p.target }))];
  }

  /** The aliases without wildcards (names a client can send as they are), as written. */
  exactAliases(): Array<{ pattern: string; target: string }> {
    return [...this.exact.values()].map((e) => ({ ...e }));
  }

  resolve(model: string): AliasMatch | undefined {
    const exact = this.exact.get(model.toLowerCase());
    if (exact !== undefined) return { target: exact.target, pattern: exact.pattern };
    const m = bestMatch(this.patterns, model);
    if (!m) return undefined;
    const target = m.glob.target.replace(/\$([1-9])/g, (_, n: string) => m.captures[Number(n) - 1] ?? '');
    return { target, pattern: m.glob.pattern };
  }

  /**
   * Follows aliases of aliases up to `maxDepth` hops, stopping at a cycle; returns the final
   * name (the input itself when no alias applies).
   */
  resolveDeep(model: string, maxDepth = 8): string {
    // Most requests name no alias: answered before any bookkeeping for chains (every request).
    let m = this.resolve(model);
    if (!m) return model;
    const seen = new Set<string>([model.toLowerCase()]);
    let current = model;
    for (let i = 0; i < maxDepth; i++) {
      if (i > 0) m = this.resolve(current);
      if (!m || seen.has(m.target.toLowerCase())) break;
      seen.add(m.target.toLowerCase());
      current = m.target;
    }
    return current;
  }
}
