'use client';

import { ZRuleHistoryRequestSchema } from '@berth/api-contract';
import { useEffect, useState } from 'react';
import { type RuleHistory as History, previewRuleHistory } from '@/lib/api/alert-rules';
import { browserApi } from '@/lib/api/browser-api';
import styles from './alerts.module.css';
import { historyBodyFromForm } from './rule-form-fields';
import { RuleHistorySummary } from './rule-history-summary';

/**
 * What the rule as typed would have done over the last 24 h (POST …/preview/history), asked
 * a moment after the form stops changing; a form the contract refuses is not sent.
 */
export function RuleHistory({ form }: { form: FormData | null }) {
  const [history, setHistory] = useState<History | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!form) return;
    const body = historyBodyFromForm(form);
    if (!ZRuleHistoryRequestSchema.safeParse(body).success) {
      setProblem('Complete the condition to see what it would have done.');
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      previewRuleHistory(browserApi, body, controller.signal)
        .then((answer) => {
          setHistory(answer);
          setProblem(null);
        })
        .catch((error: unknown) => {
          if (!controller.signal.aborted)
            setProblem(error instanceof Error ? error.message : 'History preview failed.');
        });
    }, 600);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [form]);
  return (
    <section className={styles.preview} aria-label="Last 24 hours" aria-live="polite">
      <h3>Last 24 hours</h3>
      {problem ? <p className={styles.muted}>{problem}</p> : null}
      {history ? <RuleHistorySummary history={history} /> : null}
    </section>
  );
}
