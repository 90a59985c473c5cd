import { useId } from 'react';

/** An accessible on/off switch: a real checkbox with role="switch". */
export function Toggle(props: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  disabled?: boolean;
  hint?: string;
  hideLabel?: boolean;
}) {
  const id = useId();
  return (
    <label className="toggle" htmlFor={id} title={props.hideLabel ? props.label : undefined}>
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={props.checked}
        disabled={props.disabled}
        aria-label={props.hideLabel ? props.label : undefined}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <span className="toggle-track" aria-hidden="true">
        <span className="toggle-thumb" />
      </span>
      {!props.hideLabel && (
        <span className="toggle-text">
          <span>{props.label}</span>
          {props.hint && <small className="muted">{props.hint}</small>}
        </span>
      )}
    </label>
  );
}
