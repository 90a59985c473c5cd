import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { GatewayKey } from '../api/types';
import { useResource } from '../api/useResource';
import { ConfirmButton } from '../components/ConfirmButton';
import { Field } from '../components/Field';
import { Icon } from '../components/icons';
import { Loading } from '../components/Loading';
import { Notice, errorText } from '../components/Notice';
import { OneTimeSecret } from '../components/OneTimeSecret';
import { PageHeader } from '../components/PageHeader';
import { Toggle } from '../components/Toggle';
import { fmtDate, splitList } from '../lib/format';
import { TableHead } from '../components/TableHead';
import { useRunThenReload } from '../components/useRunThenReload';

export function KeysPage() {
  const { t } = useTranslation();
  const keys = useResource(() => api.keys());
  const [name, setName] = useState('');
  const [models, setModels] = useState('');
  const [shown, setShown] = useState<{ name: string; key: string }>();
  const { error, run } = useRunThenReload(() => keys.reload());
  const [editing, setEditing] = useState<string>();

  const create = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const k = await api.createKey(name.trim(), splitList(models));
      setShown({ name: k.name, key: k.key });
      setName('');
      setModels('');
    });
  };

  return (
    <>
      <PageHeader title={t('keys.title')} intro={t('keys.intro')} />
      {error && <Notice kind="error">{error}</Notice>}
      {shown && <OneTimeSecret name={shown.name} secret={shown.key} onDismiss={() => setShown(undefined)} />}
      <form className="card subform" onSubmit={create} data-testid="create-key">
        <h2>{t('keys.create')}</h2>
        <div className="form-grid">
          <Field
            label={t('keys.name')}
            name="name"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <Field
            label={t('keys.models')}
            name="models"
            dir="ltr"
            placeholder="anthropic/*, my-combo"
            hint={t('keys.modelsHint')}
            value={models}
            onChange={(e) => setModels(e.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-primary" disabled={!name.trim()}>
          <Icon name="plus" /> {t('keys.createButton')}
        </button>
      </form>
      {!keys.data ? (
        keys.error ? (
          <Notice kind="error">{errorText(keys.error)}</Notice>
        ) : (
          <Loading />
        )
      ) : keys.data.length === 0 ? (
        <section className="empty">
          <p>{t('keys.empty')}</p>
        </section>
      ) : (
        <KeysTable
          keys={keys.data}
          editing={editing}
          onEdit={setEditing}
          run={run}
          onRotated={(k, key) => setShown({ name: k.name, key })}
        />
      )}
    </>
  );
}

/** The keys, one row each (editing at most one key's models at a time). */
function KeysTable(props: {
  keys: GatewayKey[];
  /** The id of the key whose models are being edited. */
  editing?: string;
  onEdit: (id: string | undefined) => void;
  run: (fn: () => Promise<unknown>) => Promise<unknown>;
  onRotated: (k: GatewayKey, key: string) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="keys-table">
        <caption className="visually-hidden">{t('keys.title')}</caption>
        <TableHead
          columns={[
            t('keys.name'),
            t('keys.prefix'),
            t('keys.models'),
            t('keys.created'),
            t('keys.lastUsed'),
            t('common.enabled'),
          ]}
          actions
        />
        <tbody>
          {props.keys.map((k) => (
            <KeyRow
              key={k.id}
              k={k}
              lang={i18n.language}
              editing={props.editing === k.id}
              onEdit={(v) => props.onEdit(v ? k.id : undefined)}
              run={props.run}
              onRotated={(key) => props.onRotated(k, key)}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function KeyRow(props: {
  k: GatewayKey;
  lang: string;
  editing: boolean;
  onEdit: (v: boolean) => void;
  run: (fn: () => Promise<unknown>) => Promise<unknown>;
  onRotated: (key: string) => void;
}) {
  const { t } = useTranslation();
  const { k } = props;
  const [models, setModels] = useState(k.models.join(', '));
  return (
    <tr data-key={k.name}>
      <th scope="row">{k.name}</th>
      <td>
        <code dir="ltr">{k.prefix}…</code>
      </td>
      <td>
        {props.editing ? (
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              void props.run(async () => {
                await api.patchKey(k.id, { models: splitList(models) });
                props.onEdit(false);
              });
            }}
          >
            <label className="visually-hidden" htmlFor={`models-${k.id}`}>
              {t('keys.models')}
            </label>
            <input
              id={`models-${k.id}`}
              dir="ltr"
              value={models}
              onChange={(e) => setModels(e.target.value)}
            />
            <button type="submit" className="btn btn-small">
              {t('common.save')}
            </button>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => props.onEdit(false)}>
              {t('common.cancel')}
            </button>
          </form>
        ) : k.models.length ? (
          <span dir="ltr">{k.models.join(', ')}</span>
        ) : (
          <span className="muted">{t('keys.allModels')}</span>
        )}
      </td>
      <td>{fmtDate(k.createdAt, props.lang)}</td>
      <td>
        {k.lastUsedAt ? fmtDate(k.lastUsedAt, props.lang) : <span className="muted">{t('keys.never')}</span>}
      </td>
      <td>
        <Toggle
          label={t('keys.enabledLabel', { name: k.name })}
          hideLabel
          checked={k.enabled}
          onChange={(v) => props.run(() => api.patchKey(k.id, { enabled: v }))}
        />
      </td>
      <KeyActions k={k} run={props.run} onEdit={() => props.onEdit(true)} onRotated={props.onRotated} />
    </tr>
  );
}

/** Restrict the key to some models, rotate it (a new secret, shown once) or revoke it. */
function KeyActions(props: {
  k: GatewayKey;
  run: (fn: () => Promise<unknown>) => Promise<unknown>;
  onEdit: () => void;
  onRotated: (key: string) => void;
}) {
  const { t } = useTranslation();
  const { k } = props;
  return (
    <td className="actions">
      <button type="button" className="btn btn-ghost btn-small" onClick={props.onEdit}>
        <Icon name="edit" size={14} /> {t('keys.restrict')}
      </button>
      <ConfirmButton
        className="btn btn-ghost btn-small"
        confirmLabel={t('keys.confirmRotate')}
        onConfirm={() =>
          props.run(async () => {
            const r = await api.rotateKey(k.id);
            props.onRotated(r.key);
          })
        }
      >
        <Icon name="rotate" size={14} /> {t('keys.rotate')}
      </ConfirmButton>
      <ConfirmButton
        className="btn btn-ghost btn-small btn-danger"
        confirmLabel={t('keys.confirmRevoke')}
        onConfirm={() => props.run(() => api.deleteKey(k.id))}
      >
        <Icon name="trash" size={14} /> {t('keys.revoke')}
      </ConfirmButton>
    </td>
  );
}
