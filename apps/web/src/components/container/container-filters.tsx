'use client';

import {
  CONTAINER_HEALTH,
  CONTAINER_STATES,
  type ContainerHealth,
  type ContainerState,
} from '@berth/api-contract';
import fleetStyles from '@/components/fleet/fleet.module.css';
import type { ContainerFilter } from '@/lib/fleet/container-rows';

type ContainerFiltersProps = {
  value: ContainerFilter;
  onChange: (next: ContainerFilter) => void;
};

/** Name, image, state and health filters of a containers table. */
export function ContainerFilters({ value, onChange }: ContainerFiltersProps) {
  return (
    <>
      <input
        className={fleetStyles.search}
        type="search"
        aria-label="Filter by name"
        placeholder="Name"
        value={value.q}
        onChange={(event) => onChange({ ...value, q: event.target.value })}
      />
      <input
        className={fleetStyles.search}
        type="search"
        aria-label="Filter by image"
        placeholder="Image"
        value={value.image}
        onChange={(event) => onChange({ ...value, image: event.target.value })}
      />
      <select
        className={fleetStyles.select}
        aria-label="State"
        value={value.states[0] ?? ''}
        onChange={(event) =>
          onChange({ ...value, states: event.target.value ? [event.target.value as ContainerState] : [] })
        }
      >
        <StateOptions />
      </select>
      <select
        className={fleetStyles.select}
        aria-label="Health"
        value={value.health[0] ?? ''}
        onChange={(event) =>
          onChange({ ...value, health: event.target.value ? [event.target.value as ContainerHealth] : [] })
        }
      >
        <HealthOptions />
      </select>
    </>
  );
}

/** "Any state" and every container state, for a state filter. */
export function StateOptions() {
  return (
    <>
      <option value="">Any state</option>
      {CONTAINER_STATES.map((state) => (
        <option key={state} value={state}>
          {state}
        </option>
      ))}
    </>
  );
}

/** "Any health" and every health, for a health filter. */
export function HealthOptions() {
  return (
    <>
      <option value="">Any health</option>
      {CONTAINER_HEALTH.map((health) => (
        <option key={health} value={health}>
          {health === 'none' ? 'no health check' : health}
        </option>
      ))}
    </>
  );
}
