import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import styles from './ui.module.css';

type FrameProps = {
  label: string;
  hint?: ReactNode;
  error?: string;
  /** Shown at the right of the label (e.g. "Forgot password?"). */
  aside?: ReactNode;
};

/** The attributes that tie a control to its label, hint and error. */
type ControlProps = { id: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined };

/** Label, control, hint and error, the hint and error announced with the control (aria-describedby). */
function FieldFrame({
  id,
  label,
  hint,
  error,
  aside,
  children,
}: FrameProps & { id: string; children: (control: ControlProps) => ReactNode }) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={styles.field}>
      <div className={styles.labelRow}>
        <label className={styles.label} htmlFor={id}>
          {label}
        </label>
        {aside}
      </div>
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
      })}
      {hint ? (
        <span id={hintId} className={styles.hint}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={errorId} className={styles.fieldError}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

type FieldProps = InputHTMLAttributes<HTMLInputElement> & FrameProps & { name: string };

/** A labelled input. */
export function Field({ label, name, hint, error, aside, id, ...input }: FieldProps) {
  return (
    <FieldFrame id={id ?? `field-${name}`} label={label} hint={hint} error={error} aside={aside}>
      {(control) => <input {...control} name={name} className={styles.input} {...input} />}
    </FieldFrame>
  );
}

type TextAreaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> &
  Omit<FrameProps, 'aside'> & { name: string };

/** A labelled multi-line input (one item per line: recipients, headers). */
export function TextAreaField({ label, name, hint, error, id, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldFrame id={id ?? `field-${name}`} label={label} hint={hint} error={error}>
      {(control) => <textarea {...control} name={name} className={styles.input} {...textarea} />}
    </FieldFrame>
  );
}

type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> &
  Omit<FrameProps, 'aside'> & {
    name: string;
    options: readonly { value: string; label: string; disabled?: boolean }[];
  };

/** A labelled <select>. */
export function SelectField({ label, name, options, hint, error, id, ...select }: SelectFieldProps) {
  return (
    <FieldFrame id={id ?? `field-${name}`} label={label} hint={hint} error={error}>
      {(control) => (
        <select {...control} name={name} className={styles.input} {...select}>
          {options.map((option) => (
            <option key={option.value} value={option.value} disabled={option.disabled}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

type NumberFieldProps = Omit<FieldProps, 'defaultValue' | 'inputMode' | 'type'> & {
  /** Shown at first; undefined leaves the field empty (an optional number). */
  defaultValue: number | undefined;
};

/**
 * A labelled whole-number input: the numeric keyboard, the value sent as text (the server action
 * parses it and names the field when it is not a number).
 */
export function NumberField({ defaultValue, ...field }: NumberFieldProps) {
  return (
    <Field
      {...field}
      inputMode="numeric"
      defaultValue={defaultValue === undefined ? '' : String(defaultValue)}
    />
  );
}
