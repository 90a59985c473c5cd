import { z } from 'zod';
import { modelNameProblem } from '../util/model-name.js';

/**
 * A model name as a combo step or an alias holds it: printable, at most 256 characters (the same
 * rule as a request's model, core/util/model-name.ts).
 */
export const ModelNameSchema = z
  .string()
  .min(1)
  .superRefine((s, ctx) => {
    const problem = modelNameProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: `a model name that ${problem}` });
  });

/** A connection's limiter settings (core/routing/limiter.ts); a refusal moves on to the next account. */
export const LimitsSchema = z
  .object({
    rpm: z.number().int().positive().optional().describe('Request starts per sliding minute.'),
    minGapMs: z.number().int().min(0).optional().describe('Minimum time between two request starts.'),
    maxConcurrent: z.number().int().positive().optional().describe('Requests in flight at once.'),
  })
  .strict();

/** A price override, USD per million tokens (API body and the config file's `prices`). */
export const PriceOverrideSchema = z
  .object({
    model: z.string().min(1).describe('A model id or pattern (`*`, `?`), e.g. `claude-sonnet-4*`.'),
    providerId: z.string().min(1).optional().describe('Only for this provider; omit for any.'),
    inputPerMTok: z.number().min(0),
    outputPerMTok: z.number().min(0),
    cachedInputPerMTok: z.number().min(0).optional().describe('Cache reads; default: the input price.'),
    cacheWritePerMTok: z.number().min(0).optional().describe('Cache writes; default: the input price.'),
  })
  .strict();

/** A model alias (API body and the list form of the config file's `aliases`). */
export const AliasSchema = z
  .object({
    pattern: ModelNameSchema.describe('A model name; `*` and `?` match any run / one character.'),
    target: ModelNameSchema.describe(
      'A combo, `provider/model` or another alias; `$1`…`$9` insert what the wildcards matched.',
    ),
  })
  .strict();

/**
 * A provider's own upstream time limits in ms, each winning over its global setting (API body and
 * the config file's providers). Same bounds as the settings.
 */
export const ProviderTimeoutsSchema = z
  .object({
    firstByteMs: z
      .number()
      .int()
      .min(1000)
      .max(3_600_000)
      .optional()
      .describe('Streamed requests: how long the response head may take (wins over firstByteTimeoutMs).'),
    answerMs: z
      .number()
      .int()
      .min(1000)
      .max(3_600_000)
      .optional()
      .describe(
        'Non-streamed requests (and streams whose head waits for the model: Gemini, local): how long the answer may take (wins over answerTimeoutMs).',
      ),
    stallMs: z
      .number()
      .int()
      .min(1000)
      .max(3_600_000)
      .optional()
      .describe('Longest silence between two chunks of a started answer (wins over stallTimeoutMs).'),
  })
  .strict();
