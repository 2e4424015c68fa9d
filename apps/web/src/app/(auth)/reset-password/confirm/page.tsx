import type { Metadata } from 'next';
import styles from '../../auth.module.css';
import { ConfirmResetForm } from './confirm-reset-form';

export const metadata: Metadata = { title: 'Choose a new password' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ConfirmResetPage({ searchParams }: { searchParams: SearchParams }) {
  const { token } = await searchParams;
  return (
    <section className={styles.card} aria-labelledby="confirm-title">
      <div className={styles.heading}>
        <h1 id="confirm-title" className={styles.title}>
          Choose a new password
        </h1>
      </div>
      <ConfirmResetForm token={typeof token === 'string' ? token : ''} />
    </section>
  );
}
