/**
 * Any JSON value as nested, readable lists: objects as key/value lists, arrays as bullet lists,
 * scalars as text. For answers whose shape is the core's to decide (an import's summary).
 */
export function JsonSummary({ value, depth = 0 }: { value: unknown; depth?: number }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  if (typeof value !== 'object') return <span dir="auto">{String(value)}</span>;
  if (depth > 6) return <code dir="ltr">{JSON.stringify(value)}</code>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">—</span>;
    return (
      <ul className="json-list">
        {value.map((v, i) => (
          <li key={i} dir="auto">
            <JsonSummary value={v} depth={depth + 1} />
          </li>
        ))}
      </ul>
    );
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <dl className="kv json-kv">
      {entries.map(([k, v]) => (
        <div key={k} className="json-entry">
          <dt>
            <code dir="ltr">{k}</code>
          </dt>
          <dd>
            <JsonSummary value={v} depth={depth + 1} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
