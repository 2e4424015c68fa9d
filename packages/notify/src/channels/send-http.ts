import {
  type DeliveryOutcome,
  outcomeOfError,
  outcomeOfResponse,
  redactOutcome,
} from '../transport/delivery-outcome.js';
import { type HttpRequest, type HttpResponse, httpSend } from '../transport/http-send.js';
import type { SendContext } from './channel-definition.js';

/**
 * Sends one request and reads the answer (`interpret` for receivers whose answers need more
 * than the status code), with every secret of the channel redacted from the outcome.
 */
export async function sendHttp(
  request: HttpRequest,
  context: SendContext,
  options: {
    receiver: string;
    secrets: readonly (string | undefined)[];
    interpret?: (response: HttpResponse) => DeliveryOutcome | null;
  },
): Promise<DeliveryOutcome> {
  const secrets = options.secrets.filter((s): s is string => typeof s === 'string' && s.length > 0);
  let outcome: DeliveryOutcome;
  try {
    const response = await httpSend(request, context.transport);
    outcome = options.interpret?.(response) ?? outcomeOfResponse(response, options.receiver);
  } catch (error) {
    outcome = outcomeOfError(error, options.receiver);
  }
  return redactOutcome(outcome, secrets);
}

export const JSON_HEADERS = { 'content-type': 'application/json' } as const;

/** An http(s) URL, joined with a path the way `new URL` would not (keeping a base path). */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an invalid URL';
  }
}
