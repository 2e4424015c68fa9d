import { describe, expect, it } from 'vitest';
import { docker, dockerAvailability, runBusybox } from './index.js';

const availability = await dockerAvailability();

describe.skipIf(!availability.ok)(
  `busybox test image${availability.ok ? '' : ` (skipped: ${availability.reason})`}`,
  () => {
    it('runs a container built offline that prints to stdout', async () => {
      const container = await runBusybox('echo hello-from-busybox; sleep 30');
      try {
        let logs = '';
        for (let i = 0; i < 50 && !logs.includes('hello'); i += 1) {
          logs = await docker('logs', container.id);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(logs).toContain('hello-from-busybox');
        expect(await docker('inspect', '-f', '{{.State.Running}}', container.id)).toBe('true');
      } finally {
        await container.remove();
      }
    });
  },
);
