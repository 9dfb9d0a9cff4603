import type { ReactNode, SelectHTMLAttributes } from 'react';
import { Field } from './Field';

interface EnumSelectProps<Value extends string> {
  id: string;
  label: ReactNode;
  values: readonly Value[];
  labels: Record<Value, string>;
  value: Value | '';
  onChange: (value: Value | '') => void;
  /** Offer an empty choice with this text; without it a value is always chosen. */
  emptyLabel?: string;
  hint?: ReactNode;
  error?: string;
  className?: string;
  /** More of the select's own attributes (key handlers, tabIndex). */
  selectProps?: SelectHTMLAttributes<HTMLSelectElement>;
}

/** A <select> over one of the API's enums, showing people's words for the values. */
export function EnumSelect<Value extends string>({
  values,
  labels,
  value,
  onChange,
  emptyLabel,
  selectProps,
  ...fieldProps
}: EnumSelectProps<Value>) {
  return (
    <Field {...fieldProps}>
      {(controlProps) => (
        <select
          {...controlProps}
          {...selectProps}
          className="select"
          value={value}
          onChange={(event) => onChange(event.target.value as Value | '')}
        >
          {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
          {values.map((option) => (
            <option key={option} value={option}>
              {labels[option]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
