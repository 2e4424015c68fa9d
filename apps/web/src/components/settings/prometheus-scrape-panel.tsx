import { CodeBlock } from '@/components/ui/code-block';
import styles from './settings.module.css';

/** The scrape_config a Prometheus server needs for this organisation (docs/prometheus.md). */
export function prometheusScrapeConfig(origin: string): string {
  const url = new URL('/api/v1/metrics/prometheus', origin);
  return [
    'scrape_configs:',
    '  - job_name: berth',
    '    honor_labels: true',
    `    scheme: ${url.protocol.replace(':', '')}`,
    `    metrics_path: ${url.pathname}`,
    '    authorization:',
    '      credentials: berth_api_…   # a viewer token is enough',
    '    static_configs:',
    `      - targets: ['${url.host}']`,
  ].join('\n');
}

/** Where Prometheus scrapes the organisation, and a config to paste. */
export function PrometheusScrapePanel({ origin }: { origin: string }) {
  const url = new URL('/api/v1/metrics/prometheus', origin).toString();
  return (
    <div className={styles.stack}>
      <p className={styles.muted}>
        Prometheus reads the latest container and host readings with an API token (any role; it only reads),
        under cAdvisor and node-exporter names, so stock Docker dashboards work. Large organisations can shard
        the scrape with <code>?host_label=key=value</code>, <code>?group=</code> or <code>?host=</code>.
      </p>
      <CodeBlock code={url} label="Prometheus scrape URL" />
      <CodeBlock code={prometheusScrapeConfig(origin)} label="Prometheus scrape_config" />
    </div>
  );
}
