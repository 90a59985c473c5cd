import type { Db } from '../db.js';

/** A user's price for a model (pattern), USD per million tokens; `providerId` narrows it to one provider. */
export interface PriceOverrideRecord {
  model: string;
  providerId?: string;
  inputPerMTok: number;
  outputPerMTok: number;
  cachedInputPerMTok?: number;
  cacheWritePerMTok?: number;
  updatedAt: number;
}

export type PriceOverrideInput = Omit<PriceOverrideRecord, 'updatedAt'>;

interface Row {
  model: string;
  provider_id: string;
  input_per_mtok: number;
  output_per_mtok: number;
  cached_input_per_mtok: number | null;
  cache_write_per_mtok: number | null;
  updated_at: number;
}

function fromRow(r: Row): PriceOverrideRecord {
  const rec: PriceOverrideRecord = {
    model: r.model,
    inputPerMTok: r.input_per_mtok,
    outputPerMTok: r.output_per_mtok,
    updatedAt: r.updated_at,
  };
  if (r.provider_id !== '') rec.providerId = r.provider_id;
  if (r.cached_input_per_mtok != null) rec.cachedInputPerMTok = r.cached_input_per_mtok;
  if (r.cache_write_per_mtok != null) rec.cacheWritePerMTok = r.cache_write_per_mtok;
  return rec;
}

export class PriceOverridesRepo {
  constructor(private readonly db: Db) {}

  list(): PriceOverrideRecord[] {
    return (this.db.prepare('SELECT * FROM price_overrides ORDER BY model, provider_id').all() as Row[]).map(
      fromRow,
    );
  }

  get(model: string, providerId?: string): PriceOverrideRecord | undefined {
    const row = this.db
      .prepare('SELECT * FROM price_overrides WHERE model = ? AND provider_id = ?')
      .get(model, providerId ?? '') as Row | undefined;
    return row && fromRow(row);
  }

  /** Creates or replaces by (model, provider). Returns true when something changed. */
  upsert(input: PriceOverrideInput, now = Date.now()): boolean {
    const cur = this.get(input.model, input.providerId);
    const values = {
      model: input.model,
      provider_id: input.providerId ?? '',
      input_per_mtok: input.inputPerMTok,
      output_per_mtok: input.outputPerMTok,
      cached_input_per_mtok: input.cachedInputPerMTok ?? null,
      cache_write_per_mtok: input.cacheWritePerMTok ?? null,
    };
    if (
      cur &&
      cur.inputPerMTok === values.input_per_mtok &&
      cur.outputPerMTok === values.output_per_mtok &&
      (cur.cachedInputPerMTok ?? null) === values.cached_input_per_mtok &&
      (cur.cacheWritePerMTok ?? null) === values.cache_write_per_mtok
    )
      return false;
    this.db
      .prepare(
        `INSERT INTO price_overrides (model, provider_id, input_per_mtok, output_per_mtok, cached_input_per_mtok,
           cache_write_per_mtok, updated_at)
         VALUES (@model, @provider_id, @input_per_mtok, @output_per_mtok, @cached_input_per_mtok,
           @cache_write_per_mtok, @now)
         ON CONFLICT (model, provider_id) DO UPDATE SET input_per_mtok=excluded.input_per_mtok,
           output_per_mtok=excluded.output_per_mtok, cached_input_per_mtok=excluded.cached_input_per_mtok,
           cache_write_per_mtok=excluded.cache_write_per_mtok, updated_at=excluded.updated_at`,
      )
      .run({ ...values, now });
    return true;
  }

  delete(model: string, providerId?: string): boolean {
    return (
      this.db
        .prepare('DELETE FROM price_overrides WHERE model = ? AND provider_id = ?')
        .run(model, providerId ?? '').changes > 0
    );
  }
}
