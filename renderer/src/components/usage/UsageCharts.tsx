import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../../api/client';
import type { UsageGroupBy, UsageReport } from '../../api/types';
import { useResource } from '../../api/useResource';
import { fmtNumber, fmtUsd } from '../../lib/format';
import { SelectField } from '../Field';
import { Loading } from '../Loading';
import { Notice, errorText } from '../Notice';

const PALETTE = ['#4f7cff', '#14b8a6', '#f59e0b', '#ef4444', '#a855f7', '#22c55e', '#ec4899', '#64748b'];
const RANGES = {
  '24h': { ms: 24 * 3600e3, bucket: 'hour' },
  '7d': { ms: 7 * 86400e3, bucket: 'day' },
  '30d': { ms: 30 * 86400e3, bucket: 'day' },
} as const;

/** Rows {ts, <group>: value} for a stacked bar chart. */
function pivot(
  r: UsageReport,
  metric: 'costUsd' | 'tokens',
): { rows: Array<Record<string, number>>; groups: string[] } {
  const groups = [...new Set(r.buckets.map((b) => b.group))];
  const byTs = new Map<number, Record<string, number>>();
  for (const b of r.buckets) {
    const row = byTs.get(b.ts) ?? { ts: b.ts };
    row[b.group] = (row[b.group] ?? 0) + (metric === 'costUsd' ? b.costUsd : b.inputTokens + b.outputTokens);
    byTs.set(b.ts, row);
  }
  return { rows: [...byTs.values()].sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0)), groups };
}

/** Requests, tokens and cost over a range, grouped by provider, model, key or kind, as stacked bars. */
export function UsageCharts() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [range, setRange] = useState<keyof typeof RANGES>('7d');
  const [groupBy, setGroupBy] = useState<UsageGroupBy>('provider');
  const usage = useResource(() => {
    const to = Date.now();
    return api.usage({ from: to - RANGES[range].ms, to, bucket: RANGES[range].bucket, groupBy });
  }, [range, groupBy]);
  const cost = useMemo(() => (usage.data ? pivot(usage.data, 'costUsd') : undefined), [usage.data]);
  const tokens = useMemo(() => (usage.data ? pivot(usage.data, 'tokens') : undefined), [usage.data]);
  const tick = (ts: number) =>
    new Intl.DateTimeFormat(
      lang,
      RANGES[range].bucket === 'hour' ? { hour: '2-digit' } : { month: 'short', day: 'numeric' },
    ).format(ts);
  return (
    <section className="card" aria-labelledby="usage-charts">
      <h2 id="usage-charts">{t('usage.charts')}</h2>
      <div className="row wrap">
        <SelectField
          label={t('usage.range')}
          value={range}
          onChange={(v) => setRange(v as keyof typeof RANGES)}
          options={Object.keys(RANGES).map((r) => ({ value: r, label: t(`usage.ranges.${r}`) }))}
        />
        <SelectField
          label={t('usage.groupBy')}
          value={groupBy}
          onChange={(v) => setGroupBy(v as UsageGroupBy)}
          options={(['provider', 'model', 'key', 'kind'] as const).map((g) => ({
            value: g,
            label: t(`usage.by.${g}`),
          }))}
        />
      </div>
      {usage.error && <Notice kind="error">{errorText(usage.error)}</Notice>}
      {!usage.data ? (
        !usage.error && <Loading />
      ) : (
        <>
          <UsageTotals totals={usage.data.totals} />
          {[
            { title: t('usage.costChart'), data: cost!, fmt: (v: number) => fmtUsd(v, lang) },
            { title: t('usage.tokenChart'), data: tokens!, fmt: (v: number) => fmtNumber(v, lang) },
          ].map((c) => (
            <StackedChart key={c.title} title={c.title} chart={c.data} fmt={c.fmt} tick={tick} />
          ))}
        </>
      )}
    </section>
  );
}

/** The range's totals: requests, tokens, cost. */
function UsageTotals({ totals }: { totals: UsageReport['totals'] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <ul className="stats">
      <li>
        <strong>{fmtNumber(totals.requests, lang)}</strong> {t('usage.requests')}
      </li>
      <li>
        <strong>{fmtNumber(totals.inputTokens + totals.outputTokens, lang)}</strong> {t('usage.tokens')}
      </li>
      <li>
        <strong>{fmtUsd(totals.costUsd, lang)}</strong> {t('usage.cost')}
      </li>
    </ul>
  );
}

/** One metric as bars stacked by group, one bar per time bucket. */
function StackedChart({
  title,
  chart,
  fmt,
  tick,
}: {
  title: string;
  chart: ReturnType<typeof pivot>;
  fmt: (v: number) => string;
  tick: (ts: number) => string;
}) {
  return (
    <figure className="chart" dir="ltr">
      <figcaption dir="auto">{title}</figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={chart.rows}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis dataKey="ts" tickFormatter={tick} stroke="var(--muted)" />
          <YAxis tickFormatter={fmt} stroke="var(--muted)" width={80} />
          <Tooltip labelFormatter={(v) => tick(Number(v))} formatter={(v) => fmt(Number(v))} />
          <Legend />
          {chart.groups.map((g, i) => (
            <Bar key={g} dataKey={g} stackId="a" fill={PALETTE[i % PALETTE.length]} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
