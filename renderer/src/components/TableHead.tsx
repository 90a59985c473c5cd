import { useTranslation } from 'react-i18next';

/** A table's header row: a column header per label, then (with `actions`) a visually hidden "Actions" one. */
export function TableHead({ columns, actions }: { columns: readonly string[]; actions?: boolean }) {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        {columns.map((c, i) => (
          <th scope="col" key={i}>
            {c}
          </th>
        ))}
        {actions && (
          <th scope="col">
            <span className="visually-hidden">{t('common.actions')}</span>
          </th>
        )}
      </tr>
    </thead>
  );
}
