import { z } from 'zod';
import { QUOTA_PRESETS } from './presets.js';
import { isValidTimeZone } from './zoned-time.js';

const base = {
  id: z.string().min(1).describe('Names the window ("5h", "weekly"); unique per account.'),
  unit: z.enum(['requests', 'tokens']),
  limit: z.number().positive(),
};
const calendar = {
  ...base,
  timeZone: z.string().refine(isValidTimeZone, 'an IANA time zone, e.g. "Asia/Shanghai"'),
  hour: z.number().int().min(0).max(23),
  minute: z.number().int().min(0).max(59).optional(),
};

export const QuotaWindowSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('rolling'), durationMs: z.number().int().positive() }).strict(),
  z.object({ ...calendar, kind: z.literal('daily') }).strict(),
  z.object({ ...calendar, kind: z.literal('weekly'), weekday: z.number().int().min(0).max(6) }).strict(),
  z.object({ ...calendar, kind: z.literal('monthly'), day: z.number().int().min(1).max(31) }).strict(),
]);

/** An account's quota: a provider preset, explicit windows, or a preset with windows overriding it by id. */
export const QuotaConfigSchema = z
  .object({
    preset: z.enum(QUOTA_PRESETS.map((p) => p.id) as [string, ...string[]]).optional(),
    windows: z.array(QuotaWindowSchema).optional(),
  })
  .strict();
