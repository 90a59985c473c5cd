import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { Connection, ConnectionLimits, ConnectionPatch, Provider } from '../../api/types';
import { errorText } from '../Notice';

const LIMIT_KEYS = ['rpm', 'minGapMs', 'maxConcurrent'] as const;

/** The form's values as typed: numbers stay text until saved. */
interface ConnectionValues {
  name: string;
  apiKey: string;
  baseUrl: string;
  proxy: string;
  priority: string;
  weight: string;
  limits: Record<keyof ConnectionLimits, string>;
  fields: Record<string, string>;
}

/** The account's state while it is edited, and its save (an add, or a patch of what changed). */
export function useConnectionForm(
  provider: Provider,
  ex: Connection | undefined,
  defaultName: string | undefined,
  onDone: (c: Connection) => void,
) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState(ex?.name ?? defaultName ?? 'default');
  const [apiKey, setApiKey] = useState('');
  const [baseUrl, setBaseUrl] = useState(ex?.baseUrl ?? '');
  const [proxy, setProxy] = useState(ex?.proxy ?? '');
  const [priority, setPriority] = useState(String(ex?.priority ?? 0));
  const [weight, setWeight] = useState(String(ex?.weight ?? 1));
  const [limits, setLimits] = useState<Record<keyof ConnectionLimits, string>>({
    rpm: ex?.limits?.rpm !== undefined ? String(ex.limits.rpm) : '',
    minGapMs: ex?.limits?.minGapMs !== undefined ? String(ex.limits.minGapMs) : '',
    maxConcurrent: ex?.limits?.maxConcurrent !== undefined ? String(ex.limits.maxConcurrent) : '',
  });
  // The values the provider puts in its URL (Cloudflare's account id, Azure's resource): as the
  // core describes them, so a new provider with fields needs no dashboard change.
  const fieldDefs = provider.accountFields ?? [];
  const [fields, setFields] = useState<Record<string, string>>(() =>
    Object.fromEntries(fieldDefs.map((f) => [f.key, ex?.fields?.[f.key] ?? ''])),
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const values = { name, apiKey, baseUrl, proxy, priority, weight, limits, fields };
      const c = await saveConnection(provider, ex, values);
      setApiKey('');
      onDone(c);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return {
    name,
    setName,
    apiKey,
    setApiKey,
    baseUrl,
    setBaseUrl,
    proxy,
    setProxy,
    priority,
    setPriority,
    weight,
    setWeight,
    limits,
    setLimits,
    fields,
    setFields,
    fieldDefs,
    error,
    busy,
    submit,
  };
}

/** Saves the values: a new account, or a patch of an existing one (an empty key keeps the stored key). */
async function saveConnection(provider: Provider, ex: Connection | undefined, values: ConnectionValues) {
  const { name, apiKey, baseUrl, proxy, priority, weight, limits, fields } = values;
  const prio = Number.parseInt(priority, 10) || 0;
  const w = weight.trim() === '' ? 1 : Number(weight);
  const lim: ConnectionLimits = {};
  for (const k of LIMIT_KEYS) if (limits[k].trim() !== '') lim[k] = Number(limits[k]);
  const hasLimits = Object.keys(lim).length > 0;
  const filled = Object.fromEntries(
    Object.entries(fields)
      .map(([k, v]) => [k, v.trim()] as const)
      .filter(([, v]) => v !== ''),
  );
  const hasFields = (provider.accountFields ?? []).length > 0;
  if (ex) {
    const patch: ConnectionPatch = {
      name,
      priority: prio,
      baseUrl: baseUrl.trim() || null,
      proxy: proxy.trim() || null,
    };
    if (apiKey) patch.apiKey = apiKey;
    // Sent when the core knows the fields (it reports them) or when they are set here.
    if (ex.weight !== undefined || w !== 1) patch.weight = w;
    if (ex.limits !== undefined || hasLimits) patch.limits = hasLimits ? lim : null;
    if (hasFields) patch.fields = filled;
    return api.patchConnection(ex.id, patch);
  }
  return api.addConnection({
    providerId: provider.id,
    name,
    priority: prio,
    ...(apiKey ? { apiKey } : {}),
    ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
    ...(proxy.trim() ? { proxy: proxy.trim() } : {}),
    ...(w !== 1 ? { weight: w } : {}),
    ...(hasLimits ? { limits: lim } : {}),
    ...(hasFields ? { fields: filled } : {}),
  });
}
