import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import type { ConfigDocument, ImportSummary } from '../../api/types';
import { useResource } from '../../api/useResource';
import { fmtBytes, fmtDate, isoDate } from '../../lib/format';
import { ConfirmButton } from '../ConfirmButton';
import { Field } from '../Field';
import { Icon } from '../icons';
import { JsonSummary } from '../JsonSummary';
import { Loading } from '../Loading';
import { Notice, errorText } from '../Notice';
import { TableHead } from '../TableHead';
import { useRunThenReload } from '../useRunThenReload';

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

interface ImportError {
  message: string;
  param?: string;
  issues: unknown[];
}

function importError(e: unknown): ImportError {
  if (!(e instanceof ApiError)) return { message: errorText(e), issues: [] };
  const body = e.body as { issues?: unknown; error?: { issues?: unknown } } | undefined;
  const issues = body?.issues ?? body?.error?.issues;
  return { message: e.message, param: e.param, issues: Array.isArray(issues) ? issues : [] };
}

/** One issue of a refused import: "path: message" when it has those, its JSON otherwise. */
function issueText(issue: unknown): string {
  if (typeof issue === 'string') return issue;
  if (issue && typeof issue === 'object') {
    const o = issue as { path?: unknown; param?: unknown; message?: unknown; line?: unknown };
    const where = Array.isArray(o.path) ? o.path.join('.') : (o.path ?? o.param);
    if (typeof o.message === 'string')
      return [o.line !== undefined ? `line ${String(o.line)}` : '', where ? String(where) : '', o.message]
        .filter(Boolean)
        .join(': ');
  }
  return JSON.stringify(issue);
}

/** Export the configuration, import one (dry run first), and the core's backups. */
export function StorageSection({ onImported }: { onImported: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const ids = { secrets: useId(), file: useId(), paste: useId() };

  // export
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

  // import
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string>();
  const [preview, setPreview] = useState<{ config: ConfigDocument; summary: ImportSummary }>();
  const [applied, setApplied] = useState<ImportSummary>();
  const [importErr, setImportErr] = useState<ImportError>();
  const [busy, setBusy] = useState(false);
  const resetImport = () => {
    setPreview(undefined);
    setApplied(undefined);
    setImportErr(undefined);
  };
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    resetImport();
    if (!file) return;
    setFileName(file.name);
    setText(await file.text());
  };
  const parse = (): ConfigDocument | undefined => {
    try {
      const v = JSON.parse(text) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as ConfigDocument;
    } catch {}
    setImportErr({ message: t('storage.invalidJson'), issues: [] });
    return undefined;
  };
  const dryRun = async () => {
    resetImport();
    const config = parse();
    if (!config) return;
    setBusy(true);
    try {
      setPreview({ config, summary: await api.importConfig(config, true) });
    } catch (e) {
      setImportErr(importError(e));
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    setImportErr(undefined);
    try {
      setApplied(await api.importConfig(preview.config, false));
      setPreview(undefined);
      onImported();
    } catch (e) {
      setImportErr(importError(e));
    } finally {
      setBusy(false);
    }
  };

  // backups
  const backups = useResource(() => api.backups());
  const { error: backupError, run: backupRun } = useRunThenReload(() => backups.reload());

  return (
    <section className="card" aria-labelledby="set-storage" data-testid="storage-settings">
      <h2 id="set-storage">{t('storage.title')}</h2>
      <p className="muted">{t('storage.intro')}</p>

      <h3>{t('storage.exportTitle')}</h3>
      <label className="check" htmlFor={ids.secrets}>
        <input
          id={ids.secrets}
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

      <h3>{t('storage.importTitle')}</h3>
      <p className="muted small">{t('storage.importIntro')}</p>
      <div className="field">
        <label htmlFor={ids.file}>{t('storage.file')}</label>
        <input
          id={ids.file}
          type="file"
          accept=".json,application/json"
          onChange={(e) => void onFile(e)}
          data-testid="import-file"
        />
        {fileName && <small className="muted">{fileName}</small>}
      </div>
      <div className="field">
        <label htmlFor={ids.paste}>{t('storage.paste')}</label>
        <textarea
          id={ids.paste}
          dir="ltr"
          rows={6}
          spellCheck={false}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setFileName(undefined);
            resetImport();
          }}
          data-testid="import-text"
        />
      </div>
      {importErr && (
        <Notice kind="error">
          <span data-testid="import-error">{importErr.message}</span>
          {importErr.param && (
            <small className="block">
              {t('storage.errorParam')} <code dir="ltr">{importErr.param}</code>
            </small>
          )}
          {importErr.issues.length > 0 && (
            <ul className="issues" dir="auto">
              {importErr.issues.map((issue, i) => (
                <li key={i}>{issueText(issue)}</li>
              ))}
            </ul>
          )}
        </Notice>
      )}
      {preview && (
        <div className="import-preview" data-testid="import-preview" role="status">
          <h4>{t('storage.previewTitle')}</h4>
          <JsonSummary value={preview.summary} />
          <div className="row">
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => void confirm()}
              disabled={busy}
              data-testid="import-confirm"
            >
              {t('storage.confirmImport')}
            </button>
            <button type="button" className="btn btn-ghost" onClick={resetImport}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      {applied !== undefined && (
        <Notice kind="success">
          <span data-testid="import-done">{t('storage.imported')}</span>
          <JsonSummary value={applied} />
        </Notice>
      )}
      {!preview && (
        <div className="row">
          <button
            type="button"
            className="btn"
            onClick={() => void dryRun()}
            disabled={busy || !text.trim()}
            data-testid="import-dry-run"
          >
            <Icon name="upload" /> {t('storage.dryRun')}
          </button>
        </div>
      )}

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
    </section>
  );
}
