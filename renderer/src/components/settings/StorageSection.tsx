import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useResource } from '../../api/useResource';
import { fmtBytes, fmtDate, isoDate } from '../../lib/format';
import { ConfirmButton } from '../ConfirmButton';
import { Field } from '../Field';
import { Icon } from '../icons';
import { Loading } from '../Loading';
import { Notice, errorText } from '../Notice';
import { TableHead } from '../TableHead';
import { useRunThenReload } from '../useRunThenReload';
import { ConfigImport } from './ConfigImport';

/** Saves `text` as a file through a blob: link (nothing leaves the machine). */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Export the configuration, import one (dry run first), and the core's backups. */
export function StorageSection({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="set-storage" data-testid="storage-settings">
      <h2 id="set-storage">{t('storage.title')}</h2>
      <p className="muted">{t('storage.intro')}</p>
      <ConfigExport />
      <ConfigImport onImported={onImported} />
      <Backups />
    </section>
  );
}

/** Download the configuration as a file, with or without its keys. */
function ConfigExport() {
  const { t } = useTranslation();
  const secretsId = useId();
  const [secrets, setSecrets] = useState(false);
  // Every key in plain text: the core asks for the password (or admin token) again.
  const [reentered, setReentered] = useState('');
  const [exportError, setExportError] = useState<string>();
  const [exported, setExported] = useState<string>();
  const doExport = async () => {
    setExportError(undefined);
    setExported(undefined);
    try {
      const doc = await api.exportConfig(secrets, reentered);
      setReentered('');
      const name = `omniroute-config-${isoDate()}.json`;
      download(name, JSON.stringify(doc, null, 2) + '\n');
      setExported(name);
    } catch (e) {
      setExportError(errorText(e));
    }
  };

  return (
    <>
      <h3>{t('storage.exportTitle')}</h3>
      <label className="check" htmlFor={secretsId}>
        <input
          id={secretsId}
          type="checkbox"
          checked={secrets}
          onChange={(e) => setSecrets(e.target.checked)}
        />
        <span>{t('storage.includeSecrets')}</span>
      </label>
      {secrets && <Notice kind="warning">{t('storage.secretsWarning')}</Notice>}
      {secrets && (
        <Field
          label={t('storage.confirmSecrets')}
          type="password"
          name="confirm-secrets"
          autoComplete="current-password"
          value={reentered}
          onChange={(e) => setReentered(e.target.value)}
        />
      )}
      {exportError && <Notice kind="error">{exportError}</Notice>}
      {exported && <Notice kind="success">{t('storage.exported', { file: exported })}</Notice>}
      <div className="row">
        <button
          type="button"
          className="btn"
          onClick={() => void doExport()}
          disabled={secrets && !reentered}
          data-testid="export"
        >
          <Icon name="download" /> {t('storage.export')}
        </button>
      </div>
    </>
  );
}

/** The core's backups of the configuration: listed, deleted one by one, or made now. */
function Backups() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const backups = useResource(() => api.backups());
  const { error: backupError, run: backupRun } = useRunThenReload(() => backups.reload());
  return (
    <>
      <h3>{t('storage.backupsTitle')}</h3>
      <p className="muted small">{t('storage.backupsIntro')}</p>
      {backupError && <Notice kind="error">{backupError}</Notice>}
      {backups.error && !backups.data ? (
        <Notice kind="error">{errorText(backups.error)}</Notice>
      ) : !backups.data ? (
        <Loading />
      ) : backups.data.length === 0 ? (
        <p className="muted">{t('storage.noBackups')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="backups">
            <TableHead columns={[t('storage.backupName'), t('storage.size'), t('storage.created')]} actions />
            <tbody>
              {backups.data.map((b) => (
                <tr key={b.name} data-backup={b.name}>
                  <td>
                    <code dir="ltr">{b.name}</code>
                  </td>
                  <td>{fmtBytes(b.bytes, lang)}</td>
                  <td>{fmtDate(b.createdAt, lang)}</td>
                  <td className="actions">
                    <ConfirmButton
                      ariaLabel={t('storage.deleteBackupLabel', { name: b.name })}
                      confirmLabel={t('storage.confirmDeleteBackup')}
                      onConfirm={() => backupRun(() => api.deleteBackup(b.name))}
                    >
                      <Icon name="trash" />
                    </ConfirmButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="row">
        <button
          type="button"
          className="btn"
          onClick={() => void backupRun(() => api.createBackup())}
          data-testid="create-backup"
        >
          <Icon name="plus" /> {t('storage.createBackup')}
        </button>
      </div>
    </>
  );
}
