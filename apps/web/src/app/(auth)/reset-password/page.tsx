import type { Metadata } from 'next';
import Link from 'next/link';
import styles from '../auth.module.css';
import { RequestResetForm } from './request-reset-form';

export const metadata: Metadata = { title: 'Reset password' };

export default function ResetPasswordPage() {
  return (
    <>
      <section className={styles.card} aria-labelledby="reset-title">
        <div className={styles.heading}>
          <h1 id="reset-title" className={styles.title}>
            Reset your password
          </h1>
          <p className={styles.subtitle}>We will email you a link to choose a new one.</p>
        </div>
        <RequestResetForm />
      </section>
      <p className={styles.footer}>
        Remembered it? <Link href="/sign-in">Sign in</Link>
      </p>
    </>
  );
}
