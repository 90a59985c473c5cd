import { loginKind, type LoginKindId } from '../providers/login/index.js';
import type { ResolvedProvider } from '../runtime/providers.js';
import type { Runtime } from '../runtime/runtime.js';

// Light on purpose: the fast path asks this before the gateway engine (undici, codecs) is loaded.

/** The first enabled login provider of this kind, when the caller brought that login. */
export function loginTarget(
  rt: Runtime,
  kind: LoginKindId,
  header: (name: string) => string | undefined,
): ResolvedProvider | undefined {
  if (rt.loginProviders.length === 0) return undefined;
  const provider = rt.loginProviders.find((p) => p.login === kind);
  return provider && loginKind(kind).credential(header) ? provider : undefined;
}
