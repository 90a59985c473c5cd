import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import type { ConfigDocument, ImportSummary } from '../../api/types';
import { errorText } from '../Notice';

export interface ImportError {
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

/** Importing a configuration: the text (typed or from a file), the dry run, then the confirmed import. */
export function useConfigImport(onImported: () => void) {
  const { t } = useTranslation();
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
  const typeText = (value: string) => {
    setText(value);
    setFileName(undefined);
    resetImport();
  };
  return {
    text,
    typeText,
    fileName,
    preview,
    applied,
    importErr,
    busy,
    resetImport,
    onFile,
    dryRun,
    confirm,
  };
}
