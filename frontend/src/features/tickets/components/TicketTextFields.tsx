import { Field } from '../../../components/Field';
import { TITLE_MAX_LENGTH, type TicketTextErrors } from '../validation';
import './TicketTextFields.css';

export interface TicketTextValues {
  title: string;
  description: string;
}

interface TicketTextFieldsProps {
  idPrefix: string;
  values: TicketTextValues;
  errors: TicketTextErrors;
  onChange: (values: TicketTextValues) => void;
  onBlur?: () => void;
}

/** Title (with a live character counter) and description, as in every ticket form. */
export function TicketTextFields({ idPrefix, values, errors, onChange, onBlur }: TicketTextFieldsProps) {
  return (
    <>
      <Field
        id={`${idPrefix}-title`}
        label="Title"
        error={errors.title}
        hint={<TitleCounter length={values.title.trim().length} />}
      >
        {(controlProps) => (
          <input
            {...controlProps}
            className="input"
            name="title"
            autoComplete="off"
            required
            value={values.title}
            onChange={(event) => onChange({ ...values, title: event.target.value })}
            onBlur={onBlur}
          />
        )}
      </Field>
      <Field id={`${idPrefix}-description`} label="Description" error={errors.description}>
        {(controlProps) => (
          <textarea
            {...controlProps}
            className="textarea"
            name="description"
            rows={6}
            required
            value={values.description}
            onChange={(event) => onChange({ ...values, description: event.target.value })}
            onBlur={onBlur}
          />
        )}
      </Field>
    </>
  );
}

function TitleCounter({ length }: { length: number }) {
  const over = length - TITLE_MAX_LENGTH;
  return (
    <span className={over > 0 ? 'counter counter--over' : 'counter'}>
      {over > 0 ? `${over} characters too many` : `${length} / ${TITLE_MAX_LENGTH} characters`}
    </span>
  );
}
