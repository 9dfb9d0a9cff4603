import type { Ref } from 'react';
import { Field } from '../../../components/Field';

interface UsernameEmailFieldProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  ref?: Ref<HTMLInputElement>;
}

/** The email an account signs in with, marked as the username so a password manager fills it (sign-in, forgotten password). */
export function UsernameEmailField({ id, value, onChange, error, ref }: UsernameEmailFieldProps) {
  return (
    <Field id={id} label="Email" error={error}>
      {(controlProps) => (
        <input
          {...controlProps}
          ref={ref}
          className="input"
          type="email"
          name="email"
          autoComplete="username"
          required
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
