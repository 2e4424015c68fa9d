/**
 * The one line a user pastes on a host to enrol it: fetch the installer from Berth and run it
 * with the enrolment token and the gateway's address. Values are single-quoted for the shell
 * when they hold anything beyond URL-safe characters.
 */
export function buildInstallCommand(options: {
  publicUrl: string;
  gatewayUrl: string;
  token: string;
}): string {
  const base = options.publicUrl.replace(/\/+$/, '');
  return `curl -fsSL ${shellWord(`${base}/install.sh`)} | sh -s -- --token ${shellWord(options.token)} --server ${shellWord(options.gatewayUrl)}`;
}

function shellWord(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'"'"'`)}'`;
}
