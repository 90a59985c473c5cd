import { describe, expect, it } from 'vitest';
import { modelTable } from '../../../core/providers/model-table.js';

// One object per model in a folder's models.json must give exactly the fields a hand-written
// ProviderDefinition had: the runtime, the price table and the docs read those, not the rows.
const SRC = { source: 'the vendor price page', checked: '2026-01-02' };
const HERE = 'acme';
const FILE = /^core\/providers\/acme\/models\.json: /;

describe('modelTable', () => {
  it('keeps the listed order and puts each fact under its model', () => {
    const t = modelTable(
      {
        ...SRC,
        models: [
          { id: 'big', context: 1_000_000, input: 2, output: 8, cachedInput: 0.2, cacheWrite: 2.5 },
          'plain',
          { id: 'emb', kind: 'embedding' },
          { id: 'gift', context: 8_192, free: true, input: 0, output: 0 },
        ],
      },
      HERE,
    );
    expect(t.models).toEqual(['big', 'plain', 'emb', 'gift']);
    expect(t.modelInfo).toEqual({
      big: { contextWindow: 1_000_000 },
      emb: { kind: 'embedding' },
      gift: { contextWindow: 8_192, free: true },
    });
    expect(t.prices).toEqual({
      big: { input: 2, output: 8, cachedInput: 0.2, cacheWrite: 2.5, ...SRC },
      gift: { input: 0, output: 0, ...SRC },
    });
  });

  it('a row read elsewhere keeps its own source; ownModel marks every priced row of the file', () => {
    const t = modelTable(
      {
        ...SRC,
        ownModel: true,
        models: [
          { id: 'a', input: 1, output: 2 },
          { id: 'b', input: 3, output: 4, source: 'a later announcement', checked: '2026-03-04' },
        ],
      },
      HERE,
    );
    expect(t.prices).toEqual({
      a: { input: 1, output: 2, ownModel: true, ...SRC },
      b: { input: 3, output: 4, ownModel: true, source: 'a later announcement', checked: '2026-03-04' },
    });
  });

  it('leaves modelInfo and prices out when no row has any, as a hand-written definition would', () => {
    expect(modelTable({ models: ['x', { id: 'y' }] }, HERE)).toEqual({ models: ['x', 'y'] });
  });

  it('refuses a price without a source and date, naming the file', () => {
    expect(() => modelTable({ models: [{ id: 'x', input: 1, output: 1 }] }, HERE)).toThrow(
      new RegExp(FILE.source + 'x has a price but no source'),
    );
  });

  // JSON is not type-checked: a mistyped or misspelt field must stop the start-up, not quietly
  // drop a price or a window.
  it.each([
    ['a price given as a string', { models: [{ id: 'x', input: '1', output: 2 }] }, /input/],
    ['a misspelt field', { models: [{ id: 'x', contxt: 8_192 }] }, /contxt/],
    ['an input price without its output', { ...SRC, models: [{ id: 'x', input: 1 }] }, /input and output/],
    ['a kind that does not exist', { models: [{ id: 'x', kind: 'video' }] }, /kind/],
    ['a date not in YYYY-MM-DD', { source: 's', checked: '02/01/2026', models: ['x'] }, /checked/],
    ['no models list', { source: 's', checked: '2026-01-02' }, /models/],
  ])('refuses %s, naming the file', (_what, json, field) => {
    expect(() => modelTable(json, HERE)).toThrow(FILE);
    expect(() => modelTable(json, HERE)).toThrow(field);
  });
});
