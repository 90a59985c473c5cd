import type { Usage } from '../formats/canonical.js';
import type { EndpointUsage } from '../formats/endpoints/types.js';
import type { ModelKind } from '../providers/types.js';

/**
 * A non-chat request's row in the log: its kind and, when it is billed by something other than
 * tokens, that unit and how many (tokens stay in their own columns).
 */
export function usageUnits(
  kind: ModelKind,
  usage: Partial<Usage> | undefined,
): { kind: ModelKind; units?: number; unit?: string } {
  const u = usage as EndpointUsage | undefined;
  if (u?.images !== undefined) return { kind, units: u.images, unit: 'images' };
  if (u?.audioSeconds !== undefined) return { kind, units: u.audioSeconds, unit: 'seconds' };
  if (u?.characters !== undefined) return { kind, units: u.characters, unit: 'characters' };
  if (u?.searches !== undefined) return { kind, units: u.searches, unit: 'searches' };
  return { kind };
}
