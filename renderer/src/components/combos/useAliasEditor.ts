import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { ModelAlias } from '../../api/types';
import { useResource } from '../../api/useResource';
import { errorText } from '../Notice';

/** The aliases, the one being added or edited, its save and the removal of one. */
export function useAliasEditor() {
  const aliases = useResource(() => api.aliases());
  const [pattern, setPattern] = useState('');
  const [target, setTarget] = useState('');
  /** The alias being edited (its pattern may change: the old one is removed after the save). */
  const [editing, setEditing] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setPattern('');
    setTarget('');
    setEditing(undefined);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      const body: ModelAlias = { pattern: pattern.trim(), target: target.trim() };
      await api.putAlias(body);
      if (editing && editing !== body.pattern) await api.deleteAlias(editing);
      reset();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
    await aliases.reload();
  };
  const remove = async (p: string) => {
    setError(undefined);
    try {
      await api.deleteAlias(p);
    } catch (err) {
      setError(errorText(err));
    }
    if (editing === p) reset();
    await aliases.reload();
  };
  /** Loads an alias into the form below the table and moves the focus there. */
  const edit = (a: ModelAlias) => {
    setEditing(a.pattern);
    setPattern(a.pattern);
    setTarget(a.target);
    setTimeout(
      () =>
        document.querySelector<HTMLInputElement>('[data-testid="alias-form"] input[name="pattern"]')?.focus(),
      0,
    );
  };

  return {
    aliases,
    pattern,
    setPattern,
    target,
    setTarget,
    editing,
    error,
    busy,
    reset,
    submit,
    remove,
    edit,
  };
}
