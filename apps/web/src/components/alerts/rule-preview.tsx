'use client';

import { METRIC_LABELS, type RuleKind, ZRulePreviewRequestSchema } from '@berth/api-contract';
import { useEffect, useState } from 'react';
import { type RulePreview as Preview, previewRule } from '@/lib/api/alert-rules';
import { browserApi } from '@/lib/api/browser-api';
import { formatValue } from '@/lib/format/format-value';
import styles from './alerts.module.css';
import { previewBodyFromForm } from './rule-form-fields';

type Props = { form: FormData | null };

function formatReading(value: number | null, metric: string | undefined): string {
  if (value === null) return 'no reading';
  const unit = metric ? METRIC_LABELS[metric as keyof typeof METRIC_LABELS]?.unit : undefined;
  if (unit === '%') return formatValue(value, 'percent');
  if (unit === 'bytes' || unit === 'bytes/s') return formatValue(value, unit);
  return formatValue(value, 'count');
}

/**
 * What the rule as typed would watch now (POST /api/v1/alert-rules/preview), re-asked a moment
 * after the form stops changing. A form the contract refuses is not sent: the fields say why.
 */
export function RulePreview({ form }: Props) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [kind, setKind] = useState<RuleKind>('container_metric');
  const [metric, setMetric] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!form) return;
    const body = previewBodyFromForm(form);
    const parsed = ZRulePreviewRequestSchema.safeParse(body);
    if (!parsed.success) {
      setProblem('Complete the condition to see what it would match.');
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      previewRule(browserApi, body, controller.signal)
        .then((answer) => {
          setPreview(answer);
          setKind(body.kind);
          setMetric(typeof body.params.metric === 'string' ? body.params.metric : undefined);
          setProblem(null);
        })
        .catch((error: unknown) => {
          if (!controller.signal.aborted)
            setProblem(error instanceof Error ? error.message : 'Preview failed.');
        });
    }, 400);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [form]);

  return (
    <section className={styles.preview} aria-label="Preview" aria-live="polite">
      <h3>Matches now</h3>
      {problem ? <p className={styles.muted}>{problem}</p> : null}
      {preview ? (
        <>
          <p data-testid="preview-summary">
            {preview.hosts.total} {preview.hosts.total === 1 ? 'host' : 'hosts'}
            {preview.containers
              ? `, ${preview.containers.total} ${preview.containers.total === 1 ? 'container' : 'containers'}`
              : ''}
            {preview.checks
              ? `, ${preview.checks.total} ${preview.checks.total === 1 ? 'check' : 'checks'}`
              : ''}
            {preview.breaching !== null
              ? ` — ${preview.breaching} would ${kind === 'check' ? 'fire' : 'breach'} now`
              : ''}
          </p>
          <ul>
            {kind === 'check' && preview.checks
              ? preview.checks.items.map((item) => (
                  <li key={`${item.hostId}/${item.containerName}/${item.checkName}`}>
                    {item.hostName} / {item.containerName} / {item.checkName}
                    <span className={item.breaching ? styles.breaching : styles.muted}>
                      {' '}
                      {item.status}
                      {item.slow ? ', slow' : ''}
                      {item.certExpiresAt ? `, certificate until ${item.certExpiresAt.slice(0, 10)}` : ''}
                    </span>
                  </li>
                ))
              : null}
            {kind === 'check'
              ? null
              : (kind === 'container_metric' || kind === 'container_state' || kind === 'log_pattern') &&
                  preview.containers
                ? preview.containers.items.map((item) => (
                    <li key={`${item.hostId}/${item.containerId}`}>
                      {item.hostName} / {item.name}
                      {kind === 'container_metric' ? (
                        <span className={item.breaching ? styles.breaching : styles.muted}>
                          {' '}
                          {formatReading(item.value, metric)}
                        </span>
                      ) : (
                        <span className={styles.muted}> {item.state}</span>
                      )}
                    </li>
                  ))
                : preview.hosts.items.map((item) => (
                    <li key={item.id}>
                      {item.name}
                      {item.mount ? ` (${item.mount})` : ''}
                      {kind === 'host_metric' ? (
                        <span className={item.breaching ? styles.breaching : styles.muted}>
                          {' '}
                          {formatReading(item.value, metric)}
                        </span>
                      ) : (
                        <span className={styles.muted}> {item.online ? 'online' : 'offline'}</span>
                      )}
                    </li>
                  ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
