import { useTranslation } from 'react-i18next';
import type { Settings } from '../../api/types';
import { NumberField } from '../Field';

type NumericKey = { [K in keyof Settings]: Settings[K] extends number ? K : never }[keyof Settings];

export interface NumberSetting<K extends NumericKey> {
  name: K;
  /** Locale key of the label; its hint, when `hint` is set, is `<text>Hint`. */
  text: string;
  min: number;
  max: number;
  hint?: boolean;
}

/** Number inputs bound to numeric keys of one settings section's draft (put them in a form grid). */
export function SettingNumbers<K extends NumericKey>({
  section,
  fields,
  disabled,
}: {
  section: { draft: Pick<Settings, K>; set: (key: K, value: Settings[K]) => void };
  fields: ReadonlyArray<NumberSetting<K>>;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      {fields.map((f) => (
        <NumberField
          key={f.name}
          label={t(f.text)}
          name={f.name}
          min={f.min}
          max={f.max}
          step={1}
          {...(f.hint ? { hint: t(`${f.text}Hint`) } : {})}
          {...(disabled ? { disabled } : {})}
          value={section.draft[f.name] as number}
          onChange={(n) => section.set(f.name, n as Settings[K])}
        />
      ))}
    </>
  );
}
