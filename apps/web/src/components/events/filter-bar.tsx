import Link from 'next/link';
import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClass } from '@/components/ui/button';
import styles from './history.module.css';

const FIELD_NAMES: Record<string, string> = {
  hostId: 'Host',
  containerId: 'Container id',
  containerName: 'Container',
  action: 'Event or action',
  status: 'Status',
  verb: 'Verb',
  actorUserId: 'Who',
  targetType: 'Target',
  range: 'Time',
  from: 'From',
  to: 'To',
};

/**
 * The filters of a history page: a plain GET form, so the filters live in the URL (shareable,
 * back-button friendly) and work before JavaScript loads. Ignored values are named.
 */
export function FilterBar({
  path,
  label,
  invalid,
  active,
  children,
}: {
  path: string;
  label: string;
  invalid: Record<string, string>;
  /** Whether any filter is set (offers "Clear"). */
  active: boolean;
  children: ReactNode;
}) {
  const ignored = Object.entries(invalid);
  return (
    <form method="get" action={path} className={styles.filters} aria-label={label}>
      {ignored.length ? (
        <div className={styles.filtersAlert}>
          <Alert tone="error">
            Ignored {ignored.map(([field, why]) => `${FIELD_NAMES[field] ?? field} (${why})`).join(', ')}.
          </Alert>
        </div>
      ) : null}
      {children}
      <div className={styles.filterActions}>
        <Button type="submit" variant="primary">
          Apply filters
        </Button>
        {active ? (
          <Link className={buttonClass({ variant: 'ghost' })} href={path}>
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}

/** A labelled <select> of the filter bar; the empty option means "any". */
export function FilterSelect({
  name,
  label,
  value,
  anyLabel,
  options,
}: {
  name: string;
  label: string;
  value: string;
  anyLabel: string;
  options: readonly { value: string; label: string }[];
}) {
  const id = `filter-${name}`;
  const known = value === '' || options.some((option) => option.value === value);
  return (
    <div className={styles.filter}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value} className={styles.control}>
        <option value="">{anyLabel}</option>
        {known ? null : <option value={value}>{value}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A labelled text input of the filter bar. */
export function FilterInput({
  name,
  label,
  value,
  placeholder,
  invalid,
}: {
  name: string;
  label: string;
  value: string;
  placeholder?: string;
  invalid?: string;
}) {
  const id = `filter-${name}`;
  return (
    <div className={styles.filter}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        defaultValue={value}
        placeholder={placeholder}
        className={styles.control}
        aria-invalid={invalid ? true : undefined}
        autoComplete="off"
        spellCheck={false}
      />
    </div>
  );
}

/**
 * A container name, typed or picked from the organisation's names (a datalist: any text is
 * still accepted, e.g. a container that exists no more).
 */
export function ContainerNameFilter({
  value,
  names,
  invalid,
}: {
  value: string;
  names: readonly string[];
  invalid?: string | undefined;
}) {
  return (
    <div className={styles.filter}>
      <label htmlFor="filter-containerName">Container</label>
      <input
        id="filter-containerName"
        name="containerName"
        list="filter-containerName-names"
        defaultValue={value}
        placeholder="Any container"
        className={styles.control}
        aria-invalid={invalid ? true : undefined}
        autoComplete="off"
        spellCheck={false}
      />
      <datalist id="filter-containerName-names">
        {names.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </div>
  );
}

/** Host and container id: the filters of every list about containers (events, actions). */
export function SubjectFilters({
  hosts,
  form,
  invalid,
}: {
  hosts: readonly { id: string; name: string }[];
  form: { hostId?: string; containerId?: string };
  invalid: Record<string, string>;
}) {
  return (
    <>
      <FilterSelect
        name="hostId"
        label="Host"
        value={form.hostId ?? ''}
        anyLabel="All hosts"
        options={hosts.map((host) => ({ value: host.id, label: host.name }))}
      />
      <FilterInput
        name="containerId"
        label="Container id"
        value={form.containerId ?? ''}
        placeholder="12-character id"
        invalid={invalid.containerId}
      />
    </>
  );
}
