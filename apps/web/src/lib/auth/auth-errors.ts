import { CredentialsSignin } from 'next-auth';

/** The API refused more sign-in attempts from this address for now (its per-address limit). */
export class RateLimitedSignIn extends CredentialsSignin {
  override code = 'rate_limited';
}

/** This browser failed too often on this account: it waits a little longer after each failure. */
export class ThrottledSignIn extends CredentialsSignin {
  override code = 'throttled';
}

/** The account gets too many attempts from unfamiliar places: new browsers wait (or use the e-mailed link). */
export class AccountThrottledSignIn extends CredentialsSignin {
  override code = 'account_throttled';
}

/** The API could not be reached to check the password. */
export class ApiUnavailableSignIn extends CredentialsSignin {
  override code = 'api_unavailable';
}
