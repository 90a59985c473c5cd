import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Connection, Provider } from '../../api/types';
import { ConfirmButton } from '../ConfirmButton';
import { Icon } from '../icons';
import { Toggle } from '../Toggle';
import { ConnectionChecks } from './ConnectionChecks';
import { ConnectionForm } from './ConnectionForm';

/** One account of a provider: key hint, proxy badge, enable switch, edit, delete. */
export function ConnectionRow(props: {
  provider: Provider;
  connection: Connection;
  onChanged: () => void;
  onError: (msg: string) => void;
}) {
  const { t } = useTranslation();
  const c = props.connection;
  const [editing, setEditing] = useState(false);
  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (e) {
      props.onError(e instanceof Error ? e.message : String(e));
    }
    props.onChanged();
  };

  if (editing)
    return (
      <li className="conn-row editing">
        <ConnectionForm
          provider={props.provider}
          existing={c}
          onDone={() => {
            setEditing(false);
            props.onChanged();
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  return (
    <li className={`conn-row${c.enabled ? '' : ' is-disabled'}`} data-testid="connection" data-name={c.name}>
      <div className="conn-main">
        <strong>{c.name}</strong>
        <span className="muted" dir="ltr">
          {c.hasSecret ? (c.secretHint ?? '••••') : t('connections.noKey')}
        </span>
        <ConnectionBadges connection={c} />
      </div>
      <div className="row">
        <Toggle
          label={t('connections.enabledLabel', { name: c.name })}
          hideLabel
          checked={c.enabled}
          onChange={(v) => run(() => api.patchConnection(c.id, { enabled: v }))}
        />
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => setEditing(true)}
          aria-label={t('connections.editLabel', { name: c.name })}
        >
          <Icon name="edit" />
        </button>
        <ConfirmButton
          ariaLabel={t('connections.deleteLabel', { name: c.name })}
          confirmLabel={t('connections.confirmDelete')}
          onConfirm={() => run(() => api.deleteConnection(c.id))}
        >
          <Icon name="trash" />
        </ConfirmButton>
      </div>
      {!props.provider.login && <ConnectionChecks connection={c} onChanged={props.onChanged} />}
    </li>
  );
}

/** What sets the account apart: its proxy, its own URL, priority, weight and pacing limits. */
function ConnectionBadges({ connection: c }: { connection: Connection }) {
  const { t } = useTranslation();
  return (
    <>
      {c.proxy && (
        <span className="badge badge-info" title={c.proxy}>
          <Icon name="proxy" size={12} /> {t('connections.viaProxy')}
        </span>
      )}
      {c.baseUrl && (
        <span className="badge" title={c.baseUrl}>
          {t('connections.customUrl')}
        </span>
      )}
      <span className="badge">{t('connections.priorityBadge', { n: c.priority })}</span>
      {c.weight !== undefined && c.weight !== 1 && (
        <span className="badge">{t('connections.weightBadge', { n: c.weight })}</span>
      )}
      {c.limits && Object.keys(c.limits).length > 0 && (
        <span
          className="badge"
          title={(['rpm', 'minGapMs', 'maxConcurrent'] as const)
            .filter((k) => c.limits?.[k] !== undefined)
            .map((k) => `${t(`connections.${k}`)}: ${c.limits?.[k]}`)
            .join(' · ')}
        >
          {t('connections.limited')}
        </span>
      )}
    </>
  );
}
