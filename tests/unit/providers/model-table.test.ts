import { describe, expect, it } from 'vitest';
import { modelTable, modelsDev, type ModelRow } from '../../../core/providers/model-table.js';

// One line per model must give exactly the fields a hand-written ProviderDefinition had: the
// runtime, the price table and the docs read those, not the rows.
const SRC = { source: 'the vendor price page', checked: '2026-01-02' };

describe('modelTable', () => {
  it('keeps the listed order and puts each fact under its model', () => {
    const t = modelTable(SRC, [
      { id: 'big', context: 1_000_000, input: 2, output: 8, cachedInput: 0.2, cacheWrite: 2.5 },
      'plain',
      { id: 'emb', kind: 'embedding' },
      { id: 'gift', context: 8_192, free: true, input: 0, output: 0 },
    ]);
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

  it('a row read elsewhere keeps its own source; ownModel marks every priced row of the table', () => {
    const t = modelTable({ ...SRC, ownModel: true }, [
      { id: 'a', input: 1, output: 2 },
      { id: 'b', input: 3, output: 4, source: 'a later announcement', checked: '2026-03-04' },
    ]);
    expect(t.prices).toEqual({
      a: { input: 1, output: 2, ownModel: true, ...SRC },
      b: { input: 3, output: 4, ownModel: true, source: 'a later announcement', checked: '2026-03-04' },
    });
  });

  it('leaves modelInfo and prices out when no row has any, as a hand-written definition would', () => {
    expect(modelTable(['x', { id: 'y' }])).toEqual({ models: ['x', 'y'] });
  });

  it('refuses a price without a source and date', () => {
    const rows: ModelRow[] = [{ id: 'x', input: 1, output: 1 }];
    expect(() => modelTable(rows)).toThrow(/x has a price but no source/);
  });

  it('modelsDev names the snapshot and the provider folder there', () => {
    expect(modelsDev('zai', { ownModel: true })).toEqual({
      source: 'models.dev (github.com/anomalyco/models.dev@f3fc692, providers/zai)',
      checked: '2026-07-02',
      ownModel: true,
    });
  });
});
