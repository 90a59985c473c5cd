import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/spawn.js';

// Each wire format owns everything about itself (core/formats/<format>/): nothing outside
// core/formats may compare against a format's name or switch on it. What the gateway and server
// need of a format is a codec member (codec.ts: WireFacts, UsageReader, BodyPolicies, the error
// encoders). Naming a format is fine (a route table says which format a path speaks); branching
// on one is not.

const FORMATS = ['openai-chat', 'openai-responses', 'anthropic', 'gemini', 'ollama'];
const NAME = `'(?:${FORMATS.join('|')})'`;
const BRANCH = new RegExp(
  [
    `[!=]==?\\s*${NAME}`,
    `${NAME}\\s*[!=]==?`,
    `case\\s+${NAME}\\s*:`,
    `\\.includes\\(\\s*${NAME}\\s*\\)`,
  ].join('|'),
);

/** Branches that must stay, each with why. Keyed by file; the value is a piece of the line. */
const ALLOWED: Record<string, { line: string; why: string }[]> = {
  'core/gateway/engine.ts': [
    {
      line: "formats.includes('anthropic')",
      why: "count_tokens is Anthropic's own endpoint: only a provider that speaks Messages can answer it",
    },
  ],
};

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** The format branches in `source`: [line number, line] for each line that has one. */
function branches(source: string): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  source.split('\n').forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, '');
    if (BRANCH.test(code)) out.push([i + 1, line.trim()]);
  });
  return out;
}

describe('wire-format branches outside core/formats', () => {
  it('are recognised in every spelling', () => {
    for (const line of [
      "if (format === 'gemini') x();",
      "if ('anthropic' !== f) x();",
      "    case 'openai-responses':",
      "p.formats.includes('openai-chat')",
      "a == 'gemini'",
    ])
      expect(branches(line), line).toHaveLength(1);
    for (const line of [
      "formats: ['openai-chat'],",
      "return 'anthropic';",
      "// if (format === 'gemini') in a comment",
      "if (provider.id === 'openai') x();",
    ])
      expect(branches(line), line).toEqual([]);
  });

  it('are none but the allowed ones', () => {
    const found: string[] = [];
    for (const file of tsFiles(path.join(ROOT, 'core'))) {
      const rel = path.relative(ROOT, file).split(path.sep).join('/');
      if (rel.startsWith('core/formats/')) continue;
      for (const [n, line] of branches(readFileSync(file, 'utf8')))
        if (!ALLOWED[rel]?.some((a) => line.includes(a.line))) found.push(`${rel}:${n}: ${line}`);
    }
    expect(found).toEqual([]);
  });

  it('has no stale allowance', () => {
    for (const [rel, allowed] of Object.entries(ALLOWED)) {
      const lines = branches(readFileSync(path.join(ROOT, rel), 'utf8')).map(([, l]) => l);
      for (const a of allowed)
        expect(
          lines.some((l) => l.includes(a.line)),
          `${rel}: ${a.line}`,
        ).toBe(true);
    }
  });
});
