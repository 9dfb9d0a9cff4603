import type { ReactNode } from 'react';
import { Field } from './Field';

interface PasswordFieldProps {
  id: string;
  label: ReactNode;
  /** "current-password" to sign in or prove who you are; "new-password" for one being chosen. */
  autoComplete: 'current-password' | 'new-password';
  /** Where a password manager should find it next to a username (the sign-in form). */
  name?: string;
  required?: boolean;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string;
}

/** A password input in its Field: every form that asks for a password asks the same way. */
export function PasswordField({ id, label, autoComplete, name, required, value, onChange, hint, error }: PasswordFieldProps) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      {(controlProps) => (
        <input
          {...controlProps}
          className="input"
          type="password"
          name={name}
          autoComplete={autoComplete}
          required={required}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
