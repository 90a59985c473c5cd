import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionVerdict, UnreachableCause } from '../../api/types';

/** What a test concluded (an account's or a proxy's): the verdict, why, how long; then details. */
export function TestVerdict(props: {
  testId: string;
  result: { ok: boolean; verdict: ConnectionVerdict; cause?: UnreachableCause; latencyMs: number };
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const r = props.result;
  return (
    <p
      className={`conn-test-result ${r.ok ? 'ok' : 'bad'}`}
      role="status"
      data-testid={props.testId}
      data-verdict={r.verdict}
    >
      <strong>{t(`connections.verdict.${r.verdict}`)}</strong>
      {r.cause && <> ({t(`connections.cause.${r.cause}`)})</>} —{' '}
      {t('connections.latency', { ms: r.latencyMs })}
      {props.children}
    </p>
  );
}
