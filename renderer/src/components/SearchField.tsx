/** A labelled search box that filters a list as you type (the page keeps the text). */
export function SearchField({
  id,
  label,
  placeholder,
  value,
  onChange,
  dir,
}: {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  /** `ltr` where what is searched is model ids, which read left to right in any language. */
  dir?: 'ltr';
}) {
  return (
    <div className="field search">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        dir={dir}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
      />
    </div>
  );
}
