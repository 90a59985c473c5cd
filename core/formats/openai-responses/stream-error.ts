import type { GatewayErrorInfo } from '../canonical.js';
import type { EncodeContext } from '../codec.js';
import { responsesFailure } from './errors.js';
import { responseId } from './ids.js';
import { responseEnvelope } from './response.js';

/**
 * The end of a Responses stream the upstream wrote itself (passthrough) that failed midway: the
 * same `response.failed` and `error` events a translated stream ends with. The upstream's
 * response id and sequence numbers are not known here: the id is the request's, as the encoder
 * mints it, and the events carry no sequence_number.
 */
export function responsesStreamErrorFrame(error: GatewayErrorInfo, ctx: EncodeContext): string {
  const { responseError, errorEvent } = responsesFailure(error);
  const response = responseEnvelope({
    id: responseId(undefined, ctx.requestId),
    created: Math.floor(Date.now() / 1000),
    model: ctx.model,
    status: 'failed',
    output: [],
    usage: null,
    error: responseError,
  });
  return (
    `event: response.failed\ndata: ${JSON.stringify({ type: 'response.failed', response })}\n\n` +
    `event: error\ndata: ${JSON.stringify({ type: 'error', ...errorEvent })}\n\n`
  );
}
