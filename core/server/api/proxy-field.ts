import { unmaskProxyUrl } from '../../util/proxy-url.js';
import { ApiError } from './route-table.js';

/**
 * A proxy URL as a client sends it back: the masked value (`***` for credentials) keeps the
 * stored one; a masked URL that is not the stored proxy is refused, since its credentials are lost.
 */
export function incomingProxy<T extends string | null | undefined>(
  value: T,
  current: string | null | undefined,
  param: string,
): T {
  const v = unmaskProxyUrl(value, current);
  if (v === undefined && value !== undefined)
    throw new ApiError(
      400,
      'This proxy URL has *** in place of credentials but is not the stored proxy: give the user name and password again.',
      param,
    );
  return v as T;
}
