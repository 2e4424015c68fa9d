import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import styles from './feedback.module.css';

export function NotFoundView({ what = 'page' }: { what?: string }) {
  return (
    <div className={styles.wrap}>
      <div className={styles.box}>
        <span className={styles.code}>404</span>
        <h1 className={styles.title}>This {what} does not exist</h1>
        <p className={styles.body}>
          It may have been removed, or it belongs to another organisation. Check the address, or switch
          organisation from the menu.
        </p>
        <div className={styles.actions}>
          <Link className={buttonClass({ variant: 'primary' })} href="/fleet">
            Go to the fleet
          </Link>
        </div>
      </div>
    </div>
  );
}
