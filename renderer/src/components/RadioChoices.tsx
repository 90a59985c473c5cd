/** One option of a RadioChoices: its title, the line under it, and whether it may be chosen. */
export interface RadioChoice<T extends string> {
  value: T;
  label: string;
  hint: string;
  disabled?: boolean;
}

/**
 * A choice between a few options drawn as cards (label and hint), radio buttons underneath so
 * the keyboard and screen readers treat it as one group; the legend is for screen readers only.
 */
export function RadioChoices<T extends string>({
  className,
  testId,
  legend,
  name,
  value,
  options,
  onChange,
}: {
  /** The fieldset's classes: `choices`, with `pair` where the two options sit side by side. */
  className: string;
  testId?: string;
  legend: string;
  name: string;
  value: T;
  options: Array<RadioChoice<T>>;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset className={className} data-testid={testId}>
      <legend className="visually-hidden">{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className={`choice${value === o.value ? ' selected' : ''}`}>
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={value === o.value}
            disabled={o.disabled}
            onChange={() => onChange(o.value)}
          />
          <span>
            <strong>{o.label}</strong>
            <small className="muted block">{o.hint}</small>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
