import type { ReactNode } from 'react';
import { CodeBlock } from '@/components/ui/code-block';
import styles from './settings.module.css';

/** A secret (token, link, install command) shown once, with its copy button and a warning. */
export function SecretOnce({
  title,
  label,
  value,
  children,
}: {
  title: string;
  /** The figure's accessible name, e.g. "Install command". */
  label: string;
  value: string;
  children?: ReactNode;
}) {
  return (
    <section className={styles.secret} aria-label={title}>
      <h3 className={styles.secretTitle}>{title}</h3>
      <CodeBlock code={value} label={label} />
      {children}
    </section>
  );
}
