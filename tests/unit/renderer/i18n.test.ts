// Every dashboard language has exactly English's keys, none empty, with the same {{placeholders}};
// and every literal t('…') key in the renderer exists.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../renderer/src/i18n/languages.js';
import en from '../../../renderer/src/i18n/locales/en.js';
import ar from '../../../renderer/src/i18n/locales/ar.js';
import bg from '../../../renderer/src/i18n/locales/bg.js';
import ru from '../../../renderer/src/i18n/locales/ru.js';
import vi from '../../../renderer/src/i18n/locales/vi.js';
import ms from '../../../renderer/src/i18n/locales/ms.js';

const LOCALES: Record<string, unknown> = { en, ar, bg, ru, vi, ms };
const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../renderer/src');

/** { a: { b: 'x' } } → { 'a.b': 'x' }; non-string leaves are kept as they are (and fail below). */
export function flatten(
  obj: unknown,
  prefix = '',
  out: Record<string, unknown> = {},
): Record<string, unknown> {
  if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
    for (const [k, v] of Object.entries(obj)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = obj;
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

/** What is wrong with `lang` compared with English: missing, empty, extra keys, placeholders. */
export function problems(reference: Record<string, unknown>, lang: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(reference)) {
    if (!(k in lang)) out.push(`missing: ${k}`);
    else if (typeof lang[k] !== 'string' || !(lang[k] as string).trim()) out.push(`empty: ${k}`);
    else if (JSON.stringify(placeholders(lang[k] as string)) !== JSON.stringify(placeholders(String(v))))
      out.push(`placeholders differ: ${k}`);
  }
  for (const k of Object.keys(lang)) if (!(k in reference)) out.push(`extra: ${k}`);
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(n) ? [p] : [];
  });
}

describe('dashboard translations', () => {
  const reference = flatten(en);

  it('ships a resource for every language in the switcher, and no other', () => {
    expect(LANGUAGES.map((l) => l.code).sort()).toEqual(Object.keys(LOCALES).sort());
    expect(LANGUAGES.find((l) => l.code === 'ar')?.dir).toBe('rtl');
    expect(LANGUAGES.filter((l) => l.dir === 'rtl').map((l) => l.code)).toEqual(['ar']);
  });

  it('English has no empty value', () => {
    expect(Object.entries(reference).filter(([, v]) => typeof v !== 'string' || !v.trim())).toEqual([]);
    expect(Object.keys(reference).length).toBeGreaterThan(300);
  });

  for (const code of Object.keys(LOCALES).filter((c) => c !== 'en')) {
    it(`${code}: every key present and non-empty, no extra key, same placeholders`, () => {
      expect(problems(reference, flatten(LOCALES[code]))).toEqual([]);
    });

    it(`${code}: really translated (few values identical to English)`, () => {
      const lang = flatten(LOCALES[code]);
      const same = Object.keys(reference).filter((k) => lang[k] === reference[k]);
      // Product names, "API", "Proxy", "Model"… may legitimately stay as they are.
      expect(same.length / Object.keys(reference).length).toBeLessThan(0.12);
    });
  }

  it('the checks catch a missing, an empty and an extra key', () => {
    const ref = { 'a.b': 'x {{n}}', 'a.c': 'y' };
    expect(problems(ref, { 'a.b': 'z {{n}}', 'a.c': ' ', 'a.d': 'w' })).toEqual(['empty: a.c', 'extra: a.d']);
    expect(problems(ref, { 'a.b': 'z {{m}}' })).toEqual(['placeholders differ: a.b', 'missing: a.c']);
  });

  it("every literal t('…') key used by the renderer exists in English", () => {
    const used = new Set<string>();
    for (const file of sourceFiles(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(150);
    expect([...used].filter((k) => !(k in reference))).toEqual([]);
  });
});
