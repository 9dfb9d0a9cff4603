import { PASSWORD_HINT } from '../lib/passwords';
import { PasswordField } from './PasswordField';

interface NewPasswordFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}

/** A password being chosen: the browser may suggest one, and the contract's rule stands under it before anyone breaks it. */
export function NewPasswordField({ id, label, value, onChange, error }: NewPasswordFieldProps) {
  return <PasswordField id={id} label={label} autoComplete="new-password" value={value} onChange={onChange} hint={PASSWORD_HINT} error={error} />;
}
