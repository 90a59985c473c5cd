import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { PlanLoginStatus, PlanWindowStatus } from '../../api/types';
import { useResource } from '../../api/useResource';
import { fmtNumber } from '../../lib/format';
import { fmtClock, planMeterLevel, planWindowLabel } from '../../lib/logins';
import { navigate } from '../../lib/router';
import { Loading } from '../Loading';
import { Notice, errorText } from '../Notice';

/** Plan windows change with every answer a CLI gets: read them again this often. */
const POLL_MS = 15_000;

/**
 * "Your plans": the plans behind the coding CLIs' own logins (GET /api/quota/plans), one bar per
 * window with its reset and, when the pace says so, when it runs out. Refreshes itself.
 */
export function PlansPanel() {
  const plans = useResource(() => api.plans());
  useEffect(() => {
    const id = setInterval(() => void plans.reload(), POLL_MS);
    return () => clearInterval(id);
  }, []);
  if (!plans.data) return plans.error ? <Notice kind="error">{errorText(plans.error)}</Notice> : <Loading />;
  return <PlanBars plans={plans.data} />;
}

export function PlanBars({ plans }: { plans: PlanLoginStatus[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const now = Date.now();
  if (plans.length === 0)
    return (
      <div className="plans-empty" data-testid="plans-empty">
        <p className="muted">{t('plans.empty')}</p>
        <button type="button" className="link" onClick={() => navigate('cli')}>
          {t('plans.emptyLink')}
        </button>
      </div>
    );
  // Two logins of one vendor read alike ("Claude Code login"): their fingerprints tell them apart.
  const labels = plans.map((p) => p.label);
  const shared = new Set(labels.filter((l, i) => labels.indexOf(l) !== i));
  return (
    <ul className="quota-list plan-list" data-testid="plans">
      {plans.map((p) => (
        <li key={p.key} className="plan" data-testid="plan" data-kind={p.kind}>
          <div className="row wrap plan-head">
            <h3 dir="auto">{p.label}</h3>
            {shared.has(p.label) && (
              <code className="muted" dir="ltr" title={t('plans.fingerprint')}>
                #{p.identity.slice(0, 6)}
              </code>
            )}
            <span className="badge" title={t('plans.provider')}>
              <code dir="ltr">{p.providerId}</code>
            </span>
            <span className="topbar-spacer" />
            <span className="muted plan-seen">
              {t('plans.lastSeen', { time: fmtClock(p.lastSeen, lang, now) })}
            </span>
          </div>
          {p.exhaustedUntil !== undefined && (
            <Notice kind="error">
              {t('plans.exhaustedUntil', { time: fmtClock(p.exhaustedUntil, lang, now) })}
              {p.exhaustedReason && (
                <>
                  <br />
                  <span className="muted">{t('plans.reason', { reason: p.exhaustedReason })}</span>
                </>
              )}
            </Notice>
          )}
          {p.windows.map((w) => (
            <PlanWindow key={w.id} plan={p} window={w} now={now} />
          ))}
        </li>
      ))}
    </ul>
  );
}

function PlanWindow({
  plan,
  window: w,
  now,
}: {
  plan: PlanLoginStatus;
  window: PlanWindowStatus;
  now: number;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const label = planWindowLabel(w.label, t);
  const pct = Math.max(0, Math.min(100, w.usedPct));
  const level = planMeterLevel(w.level);
  const parts = [
    t('plans.used', { pct: fmtNumber(pct / 100, lang, { style: 'percent', maximumFractionDigits: 0 }) }),
  ];
  if (w.resetsAt !== undefined) parts.push(t('plans.resets', { time: fmtClock(w.resetsAt, lang, now) }));
  // An exhausted window has nothing left to forecast: it is out until its reset.
  if (w.level !== 'exhausted') {
    if (w.runsOutAt !== undefined) parts.push(t('plans.runsOut', { time: fmtClock(w.runsOutAt, lang, now) }));
    else if (pct > 0) parts.push(t('plans.lastsUntilReset'));
  }
  return (
    <div className={`quota-window plan-window plan-${w.level}`} data-testid="plan-window" data-window={w.id}>
      <div className="row">
        <strong dir="auto">{label}</strong>
        <span className={`plan-detail${w.level === 'exhausted' ? ' danger' : ' muted'}`}>
          {parts.join(' · ')}
        </span>
      </div>
      <div
        className={`meter meter-${level}`}
        role="progressbar"
        aria-label={`${plan.label} ${label}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(pct)}
        data-level={w.level}
      >
        <span className="meter-fill" style={{ inlineSize: `${pct}%` }} />
      </div>
    </div>
  );
}
