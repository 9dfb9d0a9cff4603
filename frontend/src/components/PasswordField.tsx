import type { ReactNode } from 'react';
import { Field } from './Field';

interface PasswordFieldProps {
  id: string;
  label: ReactNode;
  /** "current-password" to sign in or prove who you are; "new-password" for one being chosen. */
  autoComplete: 'current-password' | 'new-password';
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string;
}

/** A password input in its Field: every form that asks for a password asks the same way. */
export function PasswordField({ id, label, autoComplete, value, onChange, hint, error }: PasswordFieldProps) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      {(controlProps) => (
        <input
          {...controlProps}
          className="input"
          type="password"
          autoComplete={autoComplete}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
