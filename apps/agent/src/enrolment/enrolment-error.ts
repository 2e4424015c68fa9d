export type EnrolmentErrorKind =
  /** DNS, TCP, TLS or timeout: the server was never reached. */
  | 'unreachable'
  /** The server answered 4xx: the token is unknown, expired, used up… */
  | 'refused'
  | 'server_error'
  /** A 2xx the agent cannot read (wrong URL, proxy page, incompatible server). */
  | 'bad_response'
  /** No stored credential and no token to get one. */
  | 'not_enrolled'
  /** An admin revoked this host; the agent will not re-enrol on its own. */
  | 'revoked'
  | 'corrupt_credentials';

/** Enrolment failed; `message` is written for the operator who ran the install command. */
export class EnrolmentError extends Error {
  constructor(
    readonly kind: EnrolmentErrorKind,
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'EnrolmentError';
  }
}
