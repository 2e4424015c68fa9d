import { CredentialsSignin } from 'next-auth';

/** The API refused more sign-in attempts for now (HTTP 429). */
export class RateLimitedSignIn extends CredentialsSignin {
  override code = 'rate_limited';
}

/** The API could not be reached to check the password. */
export class ApiUnavailableSignIn extends CredentialsSignin {
  override code = 'api_unavailable';
}
