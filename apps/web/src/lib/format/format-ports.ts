import type { ContainerPort } from '@berth/api-contract';

/**
 * Docker's own notation (`docker ps`): `0.0.0.0:8080->80/tcp` for a published port, `80/tcp`
 * for one only exposed; published ports first, each listed once.
 */
export function formatPorts(ports: readonly ContainerPort[]): string {
  const seen = new Set<string>();
  const published: string[] = [];
  const exposed: string[] = [];
  for (const port of ports) {
    const target = `${port.privatePort}/${port.type}`;
    const text =
      port.publicPort === undefined ? target : `${formatHostAddress(port.ip)}${port.publicPort}->${target}`;
    if (seen.has(text)) continue;
    seen.add(text);
    (port.publicPort === undefined ? exposed : published).push(text);
  }
  return [...published, ...exposed].join(', ');
}

function formatHostAddress(ip: string | undefined): string {
  if (ip === undefined || ip === '') return '';
  return ip.includes(':') ? `[${ip}]:` : `${ip}:`;
}
