import { ContainerActions } from '@/components/actions/container-actions';
import styles from './harness.module.css';

const params = new URLSearchParams(location.search);

/** Container actions as a given role (`?role=viewer`) on an agent with or without `read_only`. */
export function ActionsPage() {
  const capabilities = ['actions', 'logs', ...(params.get('readOnly') === '1' ? ['read_only'] : [])];
  return (
    <main className={styles.page}>
      <ContainerActions
        container={{
          hostId: '00000000-0000-4000-8000-000000000001',
          containerId: 'abcdefabcdef',
          name: 'web-1',
        }}
        state="running"
        context={{ role: params.get('role') ?? 'operator', capabilities, hostRevoked: false, removed: false }}
      />
    </main>
  );
}
