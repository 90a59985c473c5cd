import type { CliToolSetting } from '../api/types';
import type { KEY_PLACEHOLDER as CoreKeyPlaceholder } from '../../../core/cli-tools/types.js';

/**
 * Stands for the gateway key until one is typed. The core writes it into every snippet and
 * setting it serves (GET /api/cli-tools); its type is the core's literal, so the two cannot drift.
 */
export const KEY_PLACEHOLDER: typeof CoreKeyPlaceholder = '<your-gateway-key>';

/** A snippet or value as the user should paste it: the typed key in place of the placeholder. */
export function withKey(text: string, key: string | undefined): string {
  return key ? text.split(KEY_PLACEHOLDER).join(key) : text;
}

/** A setting's value as the user should enter it: the typed key in place of the placeholder. */
export function settingValue(s: CliToolSetting, key: string | undefined): string {
  if (s.kind !== 'key' || !key) return s.value;
  return s.value.includes(KEY_PLACEHOLDER) ? withKey(s.value, key) : key;
}
