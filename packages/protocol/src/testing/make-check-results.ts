import type { ContainerCheckResult } from '../schemas/checks.js';

/** `count` runs of one label-defined check, 10 s apart from `baseTime`, `status` each (default up). */
export function makeCheckResults(options: {
  containerName: string;
  name?: string;
  count: number;
  baseTime: number;
  status?: (index: number) => ContainerCheckResult['status'];
  containerId?: string;
}): ContainerCheckResult[] {
  return Array.from({ length: options.count }, (_, index) => {
    const status = options.status?.(index) ?? 'up';
    return {
      containerName: options.containerName,
      ...(options.containerId ? { containerId: options.containerId } : {}),
      name: options.name ?? 'default',
      kind: 'http',
      ts: new Date(options.baseTime + index * 10_000).toISOString(),
      status,
      latencyMs: 5 + index,
      slow: false,
      ...(status === 'up' ? { statusCode: 200 } : { error: 'connection refused' }),
      certExpiring: false,
      target: 'http://172.17.0.2:8080/health',
    };
  });
}
