import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api } from '../../api/client';
import type { CliToolApplyMode, CliToolId, CliToolStatus, Provider, TrayState } from '../../api/types';
import { useResource } from '../../api/useResource';
import { withKey } from '../../lib/cliTools';
import { errorText } from '../Notice';
import { useCliToolApply } from './useCliToolApply';

/** The models a tool can be pointed at: the active alias, the enabled combos, every usable model. */
function modelOptionsFor(
  t: TFunction,
  alias: string,
  chosen: string,
  state?: TrayState,
  providers?: Provider[],
) {
  const options = [
    { value: alias, label: t('cli.activeAlias', { alias }), group: t('cli.groupAlias') },
    ...(state?.combos ?? [])
      .filter((c) => c.enabled && c.name !== alias)
      .map((c) => ({ value: c.name, label: c.name, group: t('cli.groupCombos') })),
    ...(providers ?? [])
      .filter((p) => p.enabled && p.configured && (p.connections > 0 || p.local))
      .flatMap((p) => p.models.map((m) => `${p.id}/${m}`))
      .map((m) => ({ value: m, label: m, group: t('cli.groupModels') })),
  ];
  if (!options.some((o) => o.value === chosen))
    options.push({ value: chosen, label: chosen, group: t('cli.groupModels') });
  return options;
}

/** What to show for the tool in the chosen mode: keep-login brings its own notes, settings and files. */
function toolContent(t: TFunction, status: CliToolStatus | undefined, keeping: boolean, apiKey?: string) {
  const keepLogin = keeping ? status?.keepLogin : undefined;
  const translated = (ns: Array<{ id: string; text: string }>) =>
    ns.map((n) => ({ id: n.id, text: t(`cli.notes.${n.id}`, { defaultValue: n.text }) }));
  const notes = keepLogin ? translated(keepLogin.notes) : status ? translated(status.notes) : [];
  const settings = keepLogin ? keepLogin.settings : status?.settings;
  const snippets = (keepLogin ? keepLogin.snippets : (status?.snippets ?? [])).map((s) => ({
    ...s,
    code: withKey(s.code, apiKey),
  }));
  const files = keepLogin ? keepLogin.files : (status?.files ?? []);
  return { notes, settings, snippets, otherFiles: files.slice(1) };
}

/** The page's state: the chosen tool, model, key and mode, what the core says of each tool, and apply. */
export function useCliTools() {
  const { t } = useTranslation();
  const state = useResource(() => api.state());
  const providers = useResource(() => api.providers());
  const [toolId, setToolId] = useState<CliToolId>('claude-code');
  const [model, setModel] = useState<string>();
  const [key, setKey] = useState('');
  const [keyCreated, setKeyCreated] = useState(false);
  const [error, setError] = useState<string>();
  const [modes, setModes] = useState<Partial<Record<CliToolId, CliToolApplyMode>>>({});

  const alias = state.data?.activeComboAlias ?? 'auto';
  const chosenModel = model ?? alias;
  const statuses = useResource(() => api.cliTools(chosenModel), [chosenModel]);
  const applying = useCliToolApply(() => setError(undefined), statuses.reload);
  const apiKey = key.trim() || undefined;
  // The core's list: every tool with its settings, snippets and notes for the chosen model.
  const tools = statuses.data ?? [];
  const status = tools.find((x) => x.id === toolId) ?? tools[0];
  const tool = { id: status?.id ?? toolId, name: status?.name ?? '' };
  // Only offered where the core says the tool can keep its login.
  const keepLogin = status?.keepLogin;
  const mode: CliToolApplyMode = keepLogin && modes[tool.id] === 'keep-login' ? 'keep-login' : 'gateway-key';
  const keeping = mode === 'keep-login' && !!keepLogin;
  const loginProviderMissing =
    keeping && !!providers.data && !providers.data.some((p) => p.login === keepLogin.login);

  const choose = (id: CliToolId) => {
    setToolId(id);
    applying.reset();
  };
  const chooseMode = (m: CliToolApplyMode) => {
    setModes((all) => ({ ...all, [tool.id]: m }));
    applying.reset();
  };
  const chooseModel = (m: string) => {
    setModel(m);
    applying.setApplied(undefined);
  };
  const typeKey = (value: string) => {
    setKey(value);
    setKeyCreated(false);
    if (applying.applyError?.key) applying.setApplyError(undefined);
  };
  const createKey = async () => {
    setError(undefined);
    try {
      const k = await api.createKey(
        `${tool.id}-${new Date().toISOString().slice(0, 10)}-${Math.random().toString(36).slice(2, 6)}`,
      );
      setKey(k.key);
      setKeyCreated(true);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const apply = () =>
    applying.apply(tool.id, {
      model: chosenModel,
      ...(apiKey ? { apiKey } : {}),
      ...(keeping ? { mode } : {}),
    });

  return {
    error,
    tools,
    status,
    tool,
    chosenModel,
    choose,
    chooseMode,
    chooseModel,
    apply,
    applying,
    login: { keepLogin, mode, keeping, providerMissing: loginProviderMissing },
    key: { value: key, apiKey, created: keyCreated, type: typeKey, create: createKey },
    modelOptions: modelOptionsFor(t, alias, chosenModel, state.data, providers.data),
    content: toolContent(t, status, keeping, apiKey),
  };
}
