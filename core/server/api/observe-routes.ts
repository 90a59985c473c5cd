import { z } from 'zod';
import { WIRE_FORMATS } from '../../formats/canonical.js';
import type { Runtime } from '../../runtime/runtime.js';
import { usageBuckets, USAGE_GROUPS } from '../../store/log-queries.js';
import { ApiError, routeGroup, type ApiRoute } from './route-table.js';
import { listModels } from '../models-route.js';

/** GET /api/usage: requests, tokens and cost per bucket and group. */
export const UsageOut = z.object({
  from: z.number(),
  to: z.number(),
  bucket: z.enum(['hour', 'day']),
  groupBy: z.enum(['provider', 'model', 'key', 'kind']),
  buckets: z.array(
    z.object({
      ts: z.number(),
      group: z.string(),
      requests: z.number(),
      inputTokens: z.number(),
      outputTokens: z.number(),
      costUsd: z.number(),
      /** Non-token units (images, seconds, characters, searches) by unit, when any. */
      units: z.record(z.string(), z.number()).optional(),
    }),
  ),
  totals: z.object({
    requests: z.number(),
    inputTokens: z.number(),
    outputTokens: z.number(),
    costUsd: z.number(),
  }),
});

/** POST /api/translate: the body in the other format, and what could not be carried over. */
export const TranslateOut = z.object({ body: z.unknown(), warnings: z.array(z.string()) });

/** POST /api/translate's body: what to translate, from which wire format to which. */
export const TranslateIn = z
  .object({
    from: z.enum(WIRE_FORMATS),
    to: z.enum(WIRE_FORMATS),
    kind: z.enum(['request', 'response']),
    body: z.unknown(),
    model: z.string().optional(),
  })
  .strict();

/** The model catalog, usage aggregates and the translator playground. */
export function observeRoutes(rt: Runtime): ApiRoute[] {
  return [
    ...routeGroup('usage', (r) => [
      r.get('/models/catalog', {
        summary:
          'Every model name a client can send (as GET /v1/models lists them), grouped by kind: chat, embedding, rerank, image, transcription, speech, moderation.',
        response: z.object({
          kinds: z.record(
            z.string(),
            z.array(z.object({ id: z.string(), ownedBy: z.string(), type: z.string() })),
          ),
        }),
        handler: (c) => {
          const kinds: Record<string, Array<{ id: string; ownedBy: string; type: string }>> = {};
          for (const m of listModels(rt))
            (kinds[m.modelKind] ??= []).push({ id: m.id, ownedBy: m.ownedBy, type: m.kind });
          return c.json({ kinds });
        },
      }),
      r.get('/usage', {
        summary:
          'Requests, tokens, units and cost over time. Query: from, to (ms; default the last 7 days), bucket (hour|day), groupBy (provider|model|key|kind).',
        response: UsageOut,
        handler: (c) => {
          // The log writer batches; the totals must count what was already answered.
          rt.store.requestLog.flush();
          const q = c.req.query();
          const to = Number(q.to ?? Date.now());
          const from = Number(q.from ?? to - 7 * 86_400_000);
          const bucket = q.bucket === 'hour' ? 'hour' : 'day';
          const groupBy = USAGE_GROUPS.find((g) => g === q.groupBy) ?? 'provider';
          if (!Number.isFinite(from) || !Number.isFinite(to) || from > to)
            throw new ApiError(400, '"from" and "to" must be epoch milliseconds with from ≤ to.', 'from');
          const buckets = usageBuckets(rt.store.db, { from, to, bucket, groupBy });
          const totals = buckets.reduce(
            (t, b) => ({
              requests: t.requests + b.requests,
              inputTokens: t.inputTokens + b.inputTokens,
              outputTokens: t.outputTokens + b.outputTokens,
              costUsd: t.costUsd + b.costUsd,
            }),
            { requests: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
          );
          return c.json({ from, to, bucket, groupBy, buckets, totals });
        },
      }),
    ]),
    ...routeGroup('translate', (r) => [
      r.post('/translate', {
        summary:
          'Translator playground: a request or a (non-streamed) response in one wire format, shown in another. Calls no upstream.',
        body: TranslateIn,
        response: TranslateOut,
        errors: { 400: 'The body is not valid in the "from" format.' },
        handler: async (c, b) => c.json(await translate(b)),
      }),
    ]),
  ];
}

async function translate(b: z.infer<typeof TranslateIn>): Promise<z.infer<typeof TranslateOut>> {
  const { codecFor } = await import('../../formats/index.js');
  const { GatewayError } = await import('../../formats/canonical.js');
  try {
    if (b.kind === 'request') {
      const model =
        b.model ??
        (typeof (b.body as { model?: unknown })?.model === 'string'
          ? (b.body as { model: string }).model
          : 'model');
      const canonical = codecFor(b.from).decodeRequest(b.body, { model, stream: false });
      const out = codecFor(b.to).encodeRequest(canonical, {
        model: canonical.model,
        stream: canonical.stream,
      });
      return {
        body: out,
        warnings: (canonical.dropped ?? []).map((f) => `"${f}" cannot be carried to ${b.to} and was dropped`),
      };
    }
    const canonical = codecFor(b.from).decodeResponse(b.body);
    return {
      body: codecFor(b.to).encodeResponse(canonical, {
        model: canonical.model,
        requestId: 'playground',
      }),
      warnings: [],
    };
  } catch (err) {
    if (err instanceof GatewayError) throw new ApiError(400, err.message, err.param);
    throw new ApiError(400, `Not a valid ${b.from} ${b.kind}: ${(err as Error).message}`);
  }
}
