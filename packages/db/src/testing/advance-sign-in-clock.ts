/** Anything that runs SQL as the owner (a pg.Client or Pool). */
export type OwnerQuery = { query(sql: string, params?: unknown[]): Promise<unknown> };

/**
 * Moves the sign-in throttle's clock `seconds` forward by moving every timestamp it keeps
 * back: a test can live through hours of throttling without waiting for them.
 */
export async function advanceSignInClock(owner: OwnerQuery, seconds: number): Promise<void> {
  await owner.query(
    `UPDATE sign_in_throttles SET last_failure_at = last_failure_at - make_interval(secs => $1);
     UPDATE sign_in_ceilings SET refilled_at = refilled_at - make_interval(secs => $1),
       notified_at = notified_at - make_interval(secs => $1);
     UPDATE sign_in_known_clients SET last_success_at = last_success_at - make_interval(secs => $1),
       expires_at = expires_at - make_interval(secs => $1);
     UPDATE sign_in_unlocks SET expires_at = expires_at - make_interval(secs => $1),
       created_at = created_at - make_interval(secs => $1)`.replaceAll('$1', String(Number(seconds))),
  );
}
