import { ContainerActions } from '@/components/actions/container-actions';
import { UpdateAgent } from '@/components/host/update-agent';
import { makeHost } from '@/lib/fleet/testing/fleet-fixtures';
import styles from './harness.module.css';

const params = new URLSearchParams(location.search);

/**
 * Container actions as a given role (`?role=viewer`) on an agent with or without `read_only`,
 * and the agent update control of an outdated agent.
 */
export function ActionsPage() {
  const capabilities = ['actions', 'logs', ...(params.get('readOnly') === '1' ? ['read_only'] : [])];
  const role = params.get('role') ?? 'operator';
  const host = makeHost({
    id: '00000000-0000-4000-8000-000000000001',
    name: 'edge-1',
    agentVersion: '0.1.0',
    latestAgentVersion: '0.2.0',
    agentUpdateAvailable: true,
  });
  return (
    <main className={styles.page}>
      <UpdateAgent host={host} role={role} />
      <ContainerActions
        container={{
          hostId: '00000000-0000-4000-8000-000000000001',
          containerId: 'abcdefabcdef',
          name: 'web-1',
        }}
        state="running"
        context={{ role, capabilities, hostRevoked: false, removed: false }}
      />
    </main>
  );
}
