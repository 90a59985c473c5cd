import { readFile } from 'node:fs/promises';
import { credentialTargetProblems } from '../providers/credential-targets.js';
import { builtinProvider, isBuiltinProvider } from '../providers/registry.js';
import { accountFieldProblems } from '../providers/account-fields.js';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from './errors.js';
import { ConfigSchema, type ConfigFile } from './schema.js';

export { ConfigError };

/** `${NAME}` and `${NAME:-default}` in string values; `$${` escapes a literal `${`. */
function interpolate(value: string, env: NodeJS.ProcessEnv, missing: string[]): string {
  return value.replace(
    /\$?\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g,
    (match, name: string, def?: string) => {
      if (match.startsWith('$$')) return match.slice(1);
      const v = env[name];
      if (v !== undefined && v !== '') return v;
      if (def !== undefined) return def;
      missing.push(name);
      return '';
    },
  );
}

function lineOf(doc: Document, counter: LineCounter, path: PropertyKey[]): number | undefined {
  // Walk up until a node with a source range exists (a missing key points at its parent).
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

const fmtPath = (path: PropertyKey[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');

/** Parses YAML or JSON text, interpolates env vars, validates. Errors name the key and the line. */
export function parseConfig(text: string, file: string, env: NodeJS.ProcessEnv = process.env): ConfigFile {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => ({ path: '', line: e.linePos?.[0]?.line, message: e.message.split('\n')[0]! })),
    );
  }
  const missing: Array<{ path: PropertyKey[]; name: string }> = [];
  const raw = doc.toJS({
    reviver(_key: unknown, value: unknown) {
      return value;
    },
  }) as unknown;
  const walk = (v: unknown, path: PropertyKey[]): unknown => {
    if (typeof v === 'string') {
      const names: string[] = [];
      const out = interpolate(v, env, names);
      for (const name of names) missing.push({ path, name });
      return out;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, i]));
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, [...path, k])]));
    return v;
  };
  const data = walk(raw ?? {}, []);
  const problems: ConfigError['problems'] = missing.map((m) => ({
    path: fmtPath(m.path),
    line: lineOf(doc, counter, m.path),
    message: `environment variable ${m.name} is not set`,
  }));
  const checked = checkConfig(
    data,
    (path) => lineOf(doc, counter, path),
    new Set(missing.map((m) => fmtPath(m.path))),
  );
  problems.push(...checked.problems);
  if (problems.length) throw new ConfigError(file, problems);
  return checked.config!;
}

/**
 * Validates a configuration already in memory (the import API): the same schema and
 * cross-reference rules as a file, with no `${ENV}` interpolation and no line numbers.
 */
export function validateConfig(
  data: unknown,
): { ok: true; config: ConfigFile } | { ok: false; problems: ConfigError['problems'] } {
  const { config, problems } = checkConfig(data, () => undefined, new Set());
  return config && problems.length === 0 ? { ok: true, config } : { ok: false, problems };
}

function checkConfig(
  data: unknown,
  lineAt: (path: PropertyKey[]) => number | undefined,
  alreadyReported: Set<string>,
): { config?: ConfigFile; problems: ConfigError['problems'] } {
  const problems: ConfigError['problems'] = [];
  const result = ConfigSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues as z.core.$ZodIssue[]) {
      const path = issue.path as PropertyKey[];
      // An empty value left by a missing variable is already explained.
      if (alreadyReported.has(fmtPath(path))) continue;
      let message = issue.message;
      if (issue.code === 'unrecognized_keys')
        message = `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
      const keyPath = issue.code === 'unrecognized_keys' && issue.keys[0] ? [...path, issue.keys[0]] : path;
      problems.push({ path: fmtPath(keyPath), line: lineAt(keyPath), message });
    }
    return { problems };
  }
  problems.push(...semanticProblems(result.data, lineAt));
  return { config: result.data, problems };
}

/** Rules a schema cannot express: references between sections and required fields of custom providers. */
function semanticProblems(
  cfg: ConfigFile,
  lineAt: (path: PropertyKey[]) => number | undefined,
): ConfigError['problems'] {
  const out: ConfigError['problems'] = [];
  const at = (path: PropertyKey[], message: string) =>
    out.push({ path: fmtPath(path), line: lineAt(path), message });
  const seen = new Set<string>();
  cfg.providers?.forEach((p, i) => {
    if (seen.has(p.id)) at(['providers', i, 'id'], `provider "${p.id}" is listed twice`);
    seen.add(p.id);
    for (const problem of credentialTargetProblems(p)) at(['providers', i, problem.field], problem.message);
    if (p.login) {
      if (isBuiltinProvider(p.id))
        at(
          ['providers', i, 'id'],
          `"${p.id}" is a built-in provider; give the login provider an id of its own`,
        );
      if (p.accounts?.length)
        at(['providers', i, 'accounts'], 'a login provider has no accounts: the caller brings its own login');
      if (p.format)
        at(['providers', i, 'format'], "a login provider's format is its vendor's: leave `format` out");
    } else if (!isBuiltinProvider(p.id)) {
      if (!p.format) at(['providers', i], `"${p.id}" is not a built-in provider, so "format" is required`);
      if (!p.baseUrl) at(['providers', i], `"${p.id}" is not a built-in provider, so "baseUrl" is required`);
    }
    const names = new Set<string>();
    p.accounts?.forEach((a, j) => {
      const name = a.name ?? `account-${j + 1}`;
      if (names.has(name))
        at(['providers', i, 'accounts', j, 'name'], `account name "${name}" is used twice`);
      names.add(name);
      for (const problem of accountFieldProblems(builtinProvider(p.id)?.accountFields, a.fields))
        at(['providers', i, 'accounts', j, 'fields'], problem);
    });
  });
  const combos = new Set<string>();
  cfg.combos?.forEach((c, i) => {
    if (combos.has(c.name)) at(['combos', i, 'name'], `combo "${c.name}" is listed twice`);
    combos.add(c.name);
  });
  const keys = new Set<string>();
  cfg.apiKeys?.forEach((k, i) => {
    if (keys.has(k.name)) at(['apiKeys', i, 'name'], `api key "${k.name}" is listed twice`);
    keys.add(k.name);
  });
  const budgets = new Set<string>();
  cfg.budgets?.forEach((b, i) => {
    const k = `${b.scope} ${b.period}`;
    if (budgets.has(k)) at(['budgets', i, 'period'], `a ${b.period} budget for "${b.scope}" is listed twice`);
    budgets.add(k);
  });
  const prices = new Set<string>();
  cfg.prices?.forEach((p, i) => {
    const k = `${p.providerId ?? ''}/${p.model}`;
    if (prices.has(k))
      at(
        ['prices', i, 'model'],
        `a price for "${p.model}"${p.providerId ? ` on ${p.providerId}` : ''} is listed twice`,
      );
    prices.add(k);
  });
  if (Array.isArray(cfg.aliases)) {
    const patterns = new Set<string>();
    cfg.aliases.forEach((a, i) => {
      if (patterns.has(a.pattern)) at(['aliases', i, 'pattern'], `alias "${a.pattern}" is listed twice`);
      patterns.add(a.pattern);
    });
  }
  return out;
}

export async function loadConfigFile(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [
      { path: '', message: `cannot read the file (${(err as NodeJS.ErrnoException).code ?? err})` },
    ]);
  }
  return parseConfig(text, file, env);
}
