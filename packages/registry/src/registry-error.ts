/** What went wrong talking to a registry; callers branch on `code`, people read `message`. */
export type RegistryErrorCode =
  | 'invalid_reference'
  | 'invalid_credentials_config'
  | 'unsupported_credentials'
  | 'unauthorized'
  | 'not_found'
  | 'rate_limited'
  | 'network'
  | 'bad_response';

export type RegistryErrorDetails = {
  /** The registry as the image reference names it (`docker.io`, `registry.example.com:5000`). */
  registry?: string;
  /** HTTP status of the answer that failed, when there was one. */
  status?: number;
  /** When a rate limit lifts, from `Retry-After` (absent when the registry did not say). */
  resetAt?: Date;
};

/**
 * Messages are built from registry names, repositories and statuses only: credentials and tokens
 * never reach them (causes from fetch pass through `redact` first).
 */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';

  constructor(
    readonly code: RegistryErrorCode,
    message: string,
    readonly details: RegistryErrorDetails = {},
  ) {
    super(message);
  }
}
