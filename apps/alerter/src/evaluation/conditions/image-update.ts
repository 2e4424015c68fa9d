import { type ImageUpdateClass, imageUpdateReaches } from '@berth/api-contract';
import { containerObservation, type Observation } from '../observation.js';
import type { ImageUpdateRow } from '../readings.js';
import type { Condition, ScopedContainer } from './condition.js';

/**
 * The largest update a container's latest check found: a newer major, minor or patch tag of the
 * running tag's family (the registry reports each only when it is higher), else a re-pushed tag
 * (its own digests differ from the registry's). Null: nothing newer.
 */
export function updateClassOf(row: ImageUpdateRow): { found: ImageUpdateClass; to: string | null } | null {
  if (row.newest_major) return { found: 'major', to: row.newest_major };
  if (row.newest_minor) return { found: 'minor', to: row.newest_minor };
  if (row.newest_patch) return { found: 'patch', to: row.newest_patch };
  if (row.status === 'update_available') return { found: 'digest', to: null };
  return null;
}

/**
 * A container whose image has an update of at least the rule's class (docs/image-updates.md).
 * One alert per host and container name, so a recreated container (the update itself) continues
 * and then resolves the same alert; the rule's grouping (by rule, by default) puts every outdated
 * container of a pass into one message. Containers whose reference has not been checked yet, or
 * whose check failed, are no data.
 */
export const evaluateImageUpdate: Condition<'image_update'> = async (input) => {
  const { rule, containers, readings } = input;
  if (containers.length === 0) return [];
  const byId = new Map<string, ScopedContainer>();
  for (const scoped of containers) byId.set(scoped.container.key, scoped);
  const minimum = rule.definition.params.minClass;
  const out: Observation[] = [];
  for (const row of await readings.imageUpdates()) {
    const scoped = byId.get(`${row.host_id}/${row.short_id.trim()}`);
    if (!scoped) continue;
    const update = updateClassOf(row);
    if (!update || !imageUpdateReaches(update.found, minimum)) continue;
    const what = update.to === null ? 'a newer build of the same tag' : `${update.found} ${update.to}`;
    const observation = containerObservation(rule, scoped.host, scoped.container, {
      summary: `${scoped.container.name} on ${scoped.host.name} runs ${row.image}: update available (${what})`,
      value: null,
    });
    out.push({ ...observation, labels: { ...observation.labels, image: row.image, update: update.found } });
  }
  return out;
};
