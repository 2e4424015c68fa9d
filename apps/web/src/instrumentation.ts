/**
 * Runs once when the server starts: a missing or malformed variable stops it at once with
 * exit code 2 and names the variable, as the other Berth services do — instead of the
 * first sign-in failing later. Then every request's socket peer starts being recorded
 * (lib/auth/peer-stamp.ts), which is how the console knows who the browser is.
 */
export async function register(): Promise<void> {
  // biome-ignore lint/style/noProcessEnv: NEXT_RUNTIME is replaced at build time, so edge bundles drop this branch
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const [{ loadOrExit }, { getWebEnv }, { stampPeerAddresses }] = await Promise.all([
    import('@berth/config'),
    import('@/env'),
    import('@/lib/auth/peer-stamp'),
  ]);
  loadOrExit(getWebEnv);
  stampPeerAddresses();
}
