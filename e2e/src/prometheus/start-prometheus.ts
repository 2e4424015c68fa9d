import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../support/free-port.js';
import { ManagedProcess } from '../support/managed-process.js';

export type ScrapeJob = { name: string; target: string; token: string };

export type RunningPrometheus = {
  url: string;
  process: ManagedProcess;
  /** An instant PromQL query over the HTTP API: the result vector. */
  query(promql: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
};

/**
 * A private Prometheus server (never the package's service): its own config, storage and port
 * under a temporary directory, one scrape job per org endpoint, scraping every second.
 */
export async function startPrometheus(
  binary: string,
  jobs: ScrapeJob[],
  logDir: string,
): Promise<RunningPrometheus> {
  const dir = await mkdtemp(path.join(tmpdir(), 'berth-prometheus-'));
  const config = path.join(dir, 'prometheus.yml');
  await writeFile(config, scrapeConfig(jobs));
  const port = await freePort();
  const process = new ManagedProcess(
    'prometheus',
    binary,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { PATH: '/usr/bin:/bin' },
    path.join(logDir, 'prometheus.log'),
  );
  await process.waitForLine((line) => line.text.includes('Server is ready to receive web requests.'), {
    what: '"Server is ready to receive web requests."',
    timeoutMs: 30_000,
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    process,
    async query(promql) {
      const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
      const answer = (await response.json()) as { status: string; data?: { result: [] }; error?: string };
      if (answer.status !== 'success')
        throw new Error(`PromQL ${promql}: ${answer.error ?? response.status}`);
      return answer.data?.result ?? [];
    },
  };
}

/** The scrape config docs/prometheus.md shows, with a 1 s interval for the test. */
function scrapeConfig(jobs: ScrapeJob[]): string {
  const lines = ['global:', '  scrape_interval: 1s', '  scrape_timeout: 1s', 'scrape_configs:'];
  for (const job of jobs) {
    const target = new URL(job.target);
    lines.push(
      `  - job_name: ${JSON.stringify(job.name)}`,
      '    honor_labels: true',
      `    metrics_path: ${JSON.stringify(target.pathname)}`,
      `    scheme: ${target.protocol.replace(':', '')}`,
      '    authorization:',
      `      credentials: ${JSON.stringify(job.token)}`,
      '    static_configs:',
      `      - targets: [${JSON.stringify(target.host)}]`,
    );
  }
  return `${lines.join('\n')}\n`;
}
