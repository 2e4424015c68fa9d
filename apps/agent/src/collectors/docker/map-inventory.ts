import type { ContainerHealth, ContainerState, InventoryContainer, Labels, Port } from '@berth/protocol';
import { CONTAINER_HEALTH, CONTAINER_STATES, LIMITS } from '@berth/protocol';
import { boundText, clipText } from '../shared/truncate-utf8.js';
import { dockerTimeToIso } from './docker-time.js';
import type { ContainerInspect, ContainerSummary, PortSummary } from './engine-client/engine-types.js';
import type { ImageFacts } from './image-facts.js';

const STATES = new Set<string>(CONTAINER_STATES);
const HEALTH = new Set<string>(CONTAINER_HEALTH);
const PORT_TYPES = new Set(['tcp', 'udp', 'sctp']);
/** States in which Docker's ExitCode describes a finished run rather than a stale 0. */
const FINISHED_STATES = new Set<ContainerState>(['exited', 'dead', 'restarting']);

/**
 * One inventory record from `GET /containers/json` (ports, as `docker ps` shows them) and
 * `GET /containers/{id}/json` (everything else). Text is trimmed to the protocol's bounds here,
 * so a container with an outsized label cannot make a whole batch invalid.
 */
export function toInventoryContainer(
  summary: ContainerSummary,
  info: ContainerInspect,
  image: ImageFacts | null = null,
): InventoryContainer {
  const state = toState(info.State.Status);
  const record: InventoryContainer = {
    id: info.Id,
    name: clipText(info.Name.replace(/^\//, ''), 256) || info.Id.slice(0, 12),
    image: boundText(info.Config.Image || summary.Image, 1024),
    imageId: info.Image,
    labels: boundLabels(info.Config.Labels ?? {}),
    state,
    health: toHealth(info.State.Health?.Status),
    restartCount: info.RestartCount,
    ports: toPorts(summary.Ports ?? []),
    createdAt: dockerTimeToIso(info.Created) ?? new Date(summary.Created * 1000).toISOString(),
    startedAt: dockerTimeToIso(info.State.StartedAt),
    finishedAt: dockerTimeToIso(info.State.FinishedAt),
    exitCode: FINISHED_STATES.has(state) ? info.State.ExitCode : null,
  };
  if (!image) return record;
  return {
    ...record,
    repoDigests: image.repoDigests,
    ...(image.platform ? { platform: image.platform } : {}),
  };
}

function toState(status: string): ContainerState {
  // Docker has no other states today; an unknown one is reported as stopped rather than dropped.
  return STATES.has(status) ? (status as ContainerState) : 'exited';
}

function toHealth(status: string | undefined): ContainerHealth {
  return status && HEALTH.has(status) ? (status as ContainerHealth) : 'none';
}

/** Sorted by key (stable diffs); keys too long to keep are dropped, values are truncated. */
export function boundLabels(labels: Record<string, string>): Labels {
  const bounded: Labels = {};
  let entries = 0;
  for (const key of Object.keys(labels).sort()) {
    if (entries >= LIMITS.maxLabels) break;
    const value = labels[key] ?? '';
    if (key === '__proto__' || key.includes('\u0000') || Buffer.byteLength(key) > LIMITS.maxLabelKeyBytes)
      continue;
    bounded[key] = boundText(value, LIMITS.maxLabelValueBytes);
    entries += 1;
  }
  return bounded;
}

/** Sorted so the same ports always compare equal; unknown protocols and bad numbers are skipped. */
export function toPorts(ports: readonly PortSummary[]): Port[] {
  const mapped: Port[] = [];
  for (const port of ports) {
    if (!PORT_TYPES.has(port.Type) || !isPortNumber(port.PrivatePort)) continue;
    const entry: Port = { privatePort: port.PrivatePort, type: port.Type as Port['type'] };
    if (isPortNumber(port.PublicPort)) entry.publicPort = port.PublicPort;
    if (port.IP && /^[0-9a-fA-F.:]{1,45}$/.test(port.IP)) entry.ip = port.IP;
    mapped.push(entry);
  }
  mapped.sort(comparePorts);
  return mapped.slice(0, LIMITS.maxPortsPerContainer);
}

function isPortNumber(value: number | undefined): value is number {
  return Number.isInteger(value) && (value ?? 0) >= 1 && (value ?? 0) <= 65_535;
}

/** Ordinal, not locale, comparison: the order must not depend on the host's locale. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function comparePorts(a: Port, b: Port): number {
  return (
    a.privatePort - b.privatePort ||
    compareText(a.type, b.type) ||
    (a.publicPort ?? 0) - (b.publicPort ?? 0) ||
    compareText(a.ip ?? '', b.ip ?? '')
  );
}
