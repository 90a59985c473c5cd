import type { WireFormat } from '../formats/canonical.js';
import { WIRE_FACTS } from '../formats/wire-facts.js';
import type { ProviderTimeouts } from '../providers/types.js';
import { DEFAULT_SETTINGS, type Settings } from '../store/repos/settings.js';

export interface UpstreamTimeouts {
  /** TCP/TLS connect (and a proxy's answer to CONNECT). Not a setting. */
  connectMs: number;
  /** Streamed requests: from the request sent to the response head (setting firstByteTimeoutMs). */
  firstByteMs: number;
  /**
   * Non-streamed requests: from the request sent to the response head, which comes only with the
   * whole answer (setting answerTimeoutMs).
   */
  answerMs: number;
  /** Longest silence between two body chunks once the response started (setting stallTimeoutMs). */
  stallMs: number;
}

/** The connect limit, the same for every request (connectMs is not a setting). */
const CONNECT_MS = 10_000;

/**
 * Used only where no request says otherwise: every upstream call passes its own limits, read from
 * the settings (and the provider) when it starts. The settings' defaults.
 */
export const DEFAULT_TIMEOUTS: UpstreamTimeouts = globalTimeouts(DEFAULT_SETTINGS);

/**
 * The limits in force for every provider without its own: the settings, each one replaced by the
 * host's override when it gives one (CoreOptions.timeouts; tests). Built once per settings reload.
 */
export function globalTimeouts(s: Settings, override?: Partial<UpstreamTimeouts>): UpstreamTimeouts {
  return {
    connectMs: override?.connectMs ?? CONNECT_MS,
    firstByteMs: override?.firstByteMs ?? s.firstByteTimeoutMs,
    answerMs: override?.answerMs ?? s.answerTimeoutMs,
    stallMs: override?.stallMs ?? s.stallTimeoutMs,
  };
}

/**
 * Whether a streamed answer's head may wait for the model. OpenAI and Anthropic streams open (head
 * and first event) as soon as the request is accepted, so a silent upstream is a dead one. Gemini
 * sends its head with the first chunk, after any thinking, and a local server (Ollama, LM Studio)
 * may first load the model and read the whole prompt: their streams get the answer timeout.
 */
export function headComesLate(provider: { local: boolean }, upstreamFormat: WireFormat): boolean {
  return provider.local || WIRE_FACTS[upstreamFormat].headWithFirstChunk === true;
}

/**
 * Which limit the response head waits under: the answer's when it comes with the whole answer (not
 * streamed) or may wait for the model (headComesLate), unless the provider sets its own first-byte
 * limit; else the first byte's.
 */
function headLimit(
  provider: { local: boolean; timeouts?: ProviderTimeouts },
  upstreamFormat: WireFormat,
  stream: boolean,
): 'answerMs' | 'firstByteMs' {
  if (!stream) return 'answerMs';
  if (provider.timeouts?.firstByteMs !== undefined) return 'firstByteMs';
  return headComesLate(provider, upstreamFormat) ? 'answerMs' : 'firstByteMs';
}

/** How long the response head may take: the provider's own limit wins over the global one. */
export function headTimeoutMs(
  g: UpstreamTimeouts,
  provider: { local: boolean; timeouts?: ProviderTimeouts },
  upstreamFormat: WireFormat,
  stream: boolean,
): number {
  const limit = headLimit(provider, upstreamFormat, stream);
  return provider.timeouts?.[limit] ?? g[limit];
}

/** The longest silence between two chunks: the provider's own limit wins over the global one. */
export function stallTimeoutMs(g: UpstreamTimeouts, provider: { timeouts?: ProviderTimeouts }): number {
  return provider.timeouts?.stallMs ?? g.stallMs;
}

/**
 * Which limit an upstream timed out on, for the error message: a person reading "did not answer
 * within 45 s" wants to know what to change. Only built when a timeout happened.
 */
export function describeTimeouts(
  g: UpstreamTimeouts,
  provider: { local: boolean; timeouts?: ProviderTimeouts },
  upstreamFormat: WireFormat,
  stream: boolean,
): TimeoutHint {
  const own = provider.timeouts;
  const limit = headLimit(provider, upstreamFormat, stream);
  const head =
    own?.[limit] !== undefined
      ? `the provider's timeouts.${limit}`
      : `setting ${limit === 'answerMs' ? 'answerTimeoutMs' : 'firstByteTimeoutMs'}`;
  const stall = own?.stallMs !== undefined ? "the provider's timeouts.stallMs" : 'setting stallTimeoutMs';
  return { headMs: own?.[limit] ?? g[limit], head, stallMs: stallTimeoutMs(g, provider), stall };
}

export interface TimeoutHint {
  headMs: number;
  /** Where `headMs` comes from, e.g. "setting firstByteTimeoutMs". */
  head: string;
  stallMs: number;
  stall: string;
}

/** `45 s`, `1.5 s`, `10 min`. */
export function seconds(ms: number): string {
  if (ms >= 120_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Math.round(ms / 100) / 10} s`;
}
