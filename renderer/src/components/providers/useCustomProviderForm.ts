import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { LoginKindId, Provider, ProviderInput, WireFormat } from '../../api/types';
import { splitList } from '../../lib/format';
import { LOGIN_DEFAULTS } from '../../lib/logins';
import { errorText } from '../Notice';

export type CustomProviderKind = 'format' | 'login';

/** A provider of your own while it is filled in, and its creation. */
export function useCustomProviderForm(initialLogin: LoginKindId | undefined, onDone: (p: Provider) => void) {
  const [kind, setKind] = useState<CustomProviderKind>(initialLogin ? 'login' : 'format');
  const [login, setLogin] = useState<LoginKindId>(initialLogin ?? 'anthropic');
  const [id, setId] = useState(initialLogin ? LOGIN_DEFAULTS[initialLogin].id : '');
  const [idTouched, setIdTouched] = useState(false);
  const [name, setName] = useState('');
  const [format, setFormat] = useState<WireFormat>('openai-chat');
  const [baseUrl, setBaseUrl] = useState('');
  const [models, setModels] = useState('');
  const [local, setLocal] = useState(false);
  const [error, setError] = useState<string>();
  const isLogin = kind === 'login';
  const formRef = useRef<HTMLFormElement>(null);

  // Opened from further down the page: bring the form into view.
  useEffect(() => {
    if (initialLogin) formRef.current?.scrollIntoView({ block: 'start' });
  }, [initialLogin]);

  // Until the id is typed, a login provider gets a readable one of its kind ("claude-login").
  const chooseLogin = (k: LoginKindId) => {
    setLogin(k);
    if (!idTouched) setId(LOGIN_DEFAULTS[k].id);
  };
  const chooseKind = (k: CustomProviderKind) => {
    setKind(k);
    if (!idTouched) setId(k === 'login' ? LOGIN_DEFAULTS[login].id : '');
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      const values = { login, name, format, baseUrl, models, local };
      const p = await api.putProvider(id.trim(), customProviderBody(isLogin, values));
      onDone(p);
    } catch (err) {
      setError(errorText(err));
    }
  };
  const typeId = (value: string) => {
    setId(value);
    setIdTouched(true);
  };

  return {
    kind,
    chooseKind,
    login,
    chooseLogin,
    id,
    typeId,
    name,
    setName,
    format,
    setFormat,
    baseUrl,
    setBaseUrl,
    models,
    setModels,
    local,
    setLocal,
    error,
    isLogin,
    formRef,
    submit,
  };
}

/** What the core is sent: a login passes through (its address and models optional), a format needs both. */
function customProviderBody(
  isLogin: boolean,
  v: {
    login: LoginKindId;
    name: string;
    format: WireFormat;
    baseUrl: string;
    models: string;
    local: boolean;
  },
): ProviderInput {
  const list = splitList(v.models);
  return isLogin
    ? {
        login: v.login,
        name: v.name.trim() || undefined,
        baseUrl: v.baseUrl.trim() || undefined,
        models: list.length ? list : undefined,
        enabled: true,
      }
    : {
        name: v.name.trim() || undefined,
        format: v.format,
        baseUrl: v.baseUrl.trim(),
        models: list,
        local: v.local,
        enabled: true,
      };
}
