#!/usr/bin/env node
// The import graph's rules, checked over the TypeScript sources (type imports included: a type
// import that points the wrong way still ties the layers together for the next reader).
//
//   core/:     a folder imports only folders of a lower layer (LAYERS below), and no file
//              takes part in an import cycle.
//   electron/: imports core only through its public entry, core/index.ts.
//   renderer/: imports core only as types (`import type`), which the build erases, so the
//              dashboard keeps talking to the core over HTTP alone.
//
// Known debts are listed in scripts/layers-baseline.json; the check fails on any finding not
// listed there, and on a listed one that is gone (so the list only shrinks).
// Usage: node scripts/check-layers.mjs [--update-baseline]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Lower number = lower layer. Folders of one layer may not import each other. */
export const LAYERS = {
  types: 0,
  util: 0,
  'version.ts': 0,
  formats: 1,
  providers: 2,
  store: 3,
  'cli-tools': 3,
  routing: 4,
  runtime: 5,
  gateway: 6,
  config: 7,
  server: 8,
  'index.ts': 9,
  cli: 10,
};

function listTs(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listTs(p));
    else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Relative imports of one file: { spec, typeOnly, target } with target a repo-relative .ts path. */
export function importsOf(root, file) {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const found = [];
  const add = (spec, typeOnly) => {
    if (!spec.startsWith('.')) return;
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
    const candidates = [
      base.replace(/\.js$/, '.ts'),
      base.replace(/\.js$/, '.tsx'),
      `${base}.ts`,
      `${base}/index.ts`,
    ];
    const target = candidates.find((c) => fs.existsSync(path.join(root, c))) ?? base;
    found.push({ spec, typeOnly, target });
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, typeOnly);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      add(node.argument.literal.text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const toPosix = (p) => p.split(path.sep).join('/');

/** Every finding as a stable one-line string, sorted. */
export function checkLayers(root) {
  const findings = [];
  const coreFiles = listTs(path.join(root, 'core')).map((f) => toPosix(path.relative(root, f)));
  const graph = new Map();
  for (const file of coreFiles) {
    const from = file.split('/')[1];
    const edges = [];
    for (const imp of importsOf(root, file)) {
      if (!imp.target.startsWith('core/')) {
        findings.push(`outside-core: ${file} imports ${imp.spec}`);
        continue;
      }
      edges.push(imp.target);
      const to = imp.target.split('/')[1];
      if (from === to) continue;
      const a = LAYERS[from];
      const b = LAYERS[to];
      if (a === undefined || b === undefined) findings.push(`unlayered: ${file} -> ${imp.target}`);
      else if (b >= a) findings.push(`upward: ${file} -> ${imp.target}`);
    }
    graph.set(file, edges);
  }
  for (const cycle of findCycles(graph)) findings.push(`cycle: ${cycle.join(' -> ')}`);

  for (const f of listTs(path.join(root, 'electron')).map((x) => toPosix(path.relative(root, x)))) {
    for (const imp of importsOf(root, f))
      if (imp.target.startsWith('core/') && imp.target !== 'core/index.ts')
        findings.push(`electron-reach: ${f} -> ${imp.target}`);
  }
  for (const f of listTs(path.join(root, 'renderer')).map((x) => toPosix(path.relative(root, x)))) {
    for (const imp of importsOf(root, f))
      if (imp.target.startsWith('core/') && !imp.typeOnly)
        findings.push(`renderer-value: ${f} -> ${imp.target}`);
  }
  return [...new Set(findings)].sort();
}

/**
 * Strongly connected components of more than one file (Tarjan), each reported once as its
 * files in sorted order, closed on the first: enough to find it, stable across runs.
 */
export function findCycles(graph) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const out = [];
  const strong = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const comp = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      const self = (graph.get(v) ?? []).includes(v);
      if (comp.length > 1 || self) out.push([...comp.sort(), comp[0]]);
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) strong(v);
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

/** Findings not in the baseline, and baseline entries no longer found. */
export function compareWithBaseline(findings, baseline) {
  const known = new Set(baseline);
  const now = new Set(findings);
  return {
    fresh: findings.filter((f) => !known.has(f)),
    gone: baseline.filter((f) => !now.has(f)),
  };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const baselinePath = path.join(root, 'scripts', 'layers-baseline.json');
  const findings = checkLayers(root);
  if (process.argv.includes('--update-baseline')) {
    fs.writeFileSync(baselinePath, JSON.stringify(findings, null, 2) + '\n');
    console.log(`layers: baseline written, ${findings.length} known debts`);
  } else {
    const baseline = JSON.parse(fs.readFileSync(baselinePath, 'utf8'));
    const { fresh, gone } = compareWithBaseline(findings, baseline);
    for (const f of fresh) console.error(`new: ${f}`);
    for (const f of gone) console.error(`fixed (remove from scripts/layers-baseline.json): ${f}`);
    if (fresh.length || gone.length) process.exit(1);
    console.log(`layers: ok (${baseline.length} known debts in scripts/layers-baseline.json)`);
  }
}
