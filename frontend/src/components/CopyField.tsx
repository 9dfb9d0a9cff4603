import { useRef, useState } from 'react';
import './CopyField.css';

interface CopyFieldProps {
  id: string;
  label: string;
  value: string;
  /** The button's accessible name, e.g. "Copy link". */
  buttonLabel: string;
}

/**
 * A read-only value (a private link, a new token) with a button that copies it. Where the
 * clipboard cannot be used (older browsers, plain http, a refused permission) the text is
 * selected instead, ready for Ctrl+C.
 */
export function CopyField({ id, label, value, buttonLabel }: CopyFieldProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('No clipboard here.');
      await navigator.clipboard.writeText(value);
      setStatus('Copied.');
    } catch {
      inputRef.current?.focus();
      inputRef.current?.select();
      setStatus('Selected: press Ctrl+C (⌘C on a Mac) to copy.');
    }
  }

  return (
    <div className="copy-field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <div className="copy-field__row">
        <input
          ref={inputRef}
          id={id}
          className="input copy-field__value"
          readOnly
          value={value}
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="button" onClick={() => void copy()}>
          {buttonLabel}
        </button>
      </div>
      <p role="status" className="copy-field__status">
        {status}
      </p>
    </div>
  );
}
