import { CopyButton } from './copy-button';
import styles from './ui.module.css';

/** A one-line command to paste into a shell, with a copy button. */
export function CodeBlock({ code, label }: { code: string; label: string }) {
  return (
    <figure className={styles.codeBlock}>
      <figcaption className="visually-hidden">{label}</figcaption>
      <pre>
        <code>{code}</code>
      </pre>
      <CopyButton text={code} />
    </figure>
  );
}
