import type { Port } from '@berth/protocol';

/** What the placeholders of a check's target may read about its container. */
export type ContainerAddress = {
  /** The container's address on its first network; null on the host's network (`--network host`). */
  ip: string | null;
  ports: readonly Port[];
  /** Docker's short id, reported with each result (the name is what the check follows). */
  id?: string;
  /**
   * Why the container has no address of its own (`--network none`): `{{ip}}` and `{{port:N}}`
   * fail with this reason, while a literal target (a host port, another server) is still probed.
   */
  unaddressable?: string;
};

export type RenderedTarget = { ok: true; target: string } | { ok: false; error: string };

const PLACEHOLDER = /\{\{\s*([a-z_]+)(?::(\d{1,5}))?\s*\}\}/g;

/**
 * A target with its placeholders filled for this run. `{{ip}}` is the container's own address
 * (127.0.0.1 when it shares the host's network); `{{port:N}}` is N where `{{ip}}` is the
 * container's own address, else the host port Docker published for N; `{{host_port:N}}` is
 * always the published port (for targets that go through the host, e.g. `localhost`).
 * Rendered at every run, so a recreated container's new address is picked up.
 */
export function renderTarget(template: string, container: ContainerAddress | null): RenderedTarget {
  let error: string | null = null;
  const target = template.replace(PLACEHOLDER, (whole, name: string, arg: string | undefined) => {
    if (error) return whole;
    if (!container) {
      error = `${whole} needs a container, and this check names none`;
      return whole;
    }
    const port = arg === undefined ? undefined : Number(arg);
    switch (name) {
      case 'ip':
        if (arg !== undefined) break;
        if (container.unaddressable) {
          error = container.unaddressable;
          return whole;
        }
        return container.ip ?? '127.0.0.1';
      case 'port':
        if (port === undefined) break;
        if (container.unaddressable) {
          error = container.unaddressable;
          return whole;
        }
        return String(container.ip ? port : (publishedPort(container, port) ?? port));
      case 'host_port': {
        if (port === undefined) break;
        const published = publishedPort(container, port);
        if (published === undefined) {
          error = `the container publishes no host port for ${port}/tcp`;
          return whole;
        }
        return String(published);
      }
    }
    error = `unknown placeholder ${whole} (known: {{ip}}, {{port:N}}, {{host_port:N}})`;
    return whole;
  });
  return error ? { ok: false, error } : { ok: true, target };
}

function publishedPort(container: ContainerAddress, privatePort: number): number | undefined {
  return container.ports.find(
    (port) => port.type === 'tcp' && port.privatePort === privatePort && port.publicPort,
  )?.publicPort;
}
