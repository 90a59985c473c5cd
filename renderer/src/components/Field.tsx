import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

/** A labelled input with an optional hint; the hint is wired to aria-describedby. */
export function Field({
  label,
  hint,
  children,
  ...input
}: { label: string; hint?: ReactNode; children?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children ?? <input id={id} aria-describedby={hintId} {...input} />}
      {hint && (
        <small id={hintId} className="muted">
          {hint}
        </small>
      )}
    </div>
  );
}

/** A labelled <select>. */
export function SelectField({
  label,
  value,
  onChange,
  options,
  hint,
  name,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: Array<{ value: string; label: string; group?: string }>;
  hint?: ReactNode;
  name?: string;
}) {
  const id = useId();
  const groups = [...new Set(options.map((o) => o.group ?? ''))];
  const render = (os: typeof options) =>
    os.map((o) => (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ));
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        {groups.length <= 1 || groups.every((g) => !g)
          ? render(options)
          : groups.map((g) => (
              <optgroup key={g} label={g}>
                {render(options.filter((o) => (o.group ?? '') === g))}
              </optgroup>
            ))}
      </select>
      {hint && <small className="muted">{hint}</small>}
    </div>
  );
}
