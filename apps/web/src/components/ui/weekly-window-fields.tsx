'use client';

import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import settingsStyles from '@/components/settings/settings.module.css';
import { WEEKDAY_NAMES } from '@/lib/format/weekdays';
import { Field, SelectField } from './field';
import styles from './ui.module.css';

type WindowErrors = { [K in 'weekdays' | 'startTime' | 'durationHours' | 'timeZone']?: string | undefined };

type WeeklyWindowFieldsProps = {
  /** The weekday fieldset's legend ("Starts on"). */
  legend: string;
  /** Days ticked at first (0 = Sunday). */
  weekdays: readonly number[];
  /** `HH:MM` local time. */
  startTime: string;
  durationHours: number;
  /** The saved zone; none: the browser's own (UTC while the server renders). */
  timeZone: string | null;
  errors: WindowErrors;
  /** The weekday fieldset's class (each form lays its checkboxes out its own way). */
  daysClassName: string | undefined;
  /** More fields for the same row, after the time zone. */
  children?: ReactNode;
};

/**
 * A weekly window in the recurrence mute windows and automatic updates share (`weekdays`,
 * `startTime`, `durationHours`, `timeZone`: the names their server actions read).
 */
export function WeeklyWindowFields(props: WeeklyWindowFieldsProps) {
  const { zone, zones } = useZones(props.timeZone);
  const ticked = new Set(props.weekdays);
  const { errors } = props;
  return (
    <>
      <fieldset className={props.daysClassName}>
        <legend className={styles.label}>{props.legend}</legend>
        {WEEKDAY_NAMES.map((name, day) => (
          <label key={name}>
            <input type="checkbox" name="weekdays" value={day} defaultChecked={ticked.has(day)} />
            {name}
          </label>
        ))}
        {errors.weekdays ? <span className={styles.fieldError}>{errors.weekdays}</span> : null}
      </fieldset>
      <div className={settingsStyles.formRow}>
        <Field
          label="Start time"
          name="startTime"
          type="time"
          defaultValue={props.startTime}
          required
          error={errors.startTime}
        />
        <Field
          label="Duration (hours)"
          name="durationHours"
          inputMode="decimal"
          defaultValue={String(props.durationHours)}
          error={errors.durationHours}
        />
        <SelectField
          key={zone}
          label="Time zone"
          name="timeZone"
          defaultValue={zone}
          options={zones.map((value) => ({ value, label: value }))}
          error={errors.timeZone}
        />
        {props.children}
      </div>
    </>
  );
}

/** The saved zone, else the browser's (UTC while the server renders), then every zone known. */
function useZones(saved: string | null): { zone: string; zones: string[] } {
  const [own, setOwn] = useState('UTC');
  useEffect(() => setOwn(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'), []);
  const zone = saved ?? own;
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
  return { zone, zones: [zone, ...known.filter((z) => z !== zone)] };
}
