/**
 * The agent socket's URL from the server URL an operator types: `https://berth.example.com`
 * becomes `wss://berth.example.com/agent/v1`; a path prefix (a gateway behind `/berth`) is kept.
 */
export function toAgentSocketUrl(server: string): string {
  const url = new URL(server);
  if (url.protocol === 'https:') url.protocol = 'wss:';
  else if (url.protocol === 'http:') url.protocol = 'ws:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/agent/v1`;
  url.search = '';
  url.hash = '';
  return url.toString();
}
