import { useRef, useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Field } from '../../../components/Field';
import { FormActions } from '../../../components/FormActions';
import { splitServerErrors } from '../../../lib/server-errors';
import { NAMELESS_CUSTOMER, PLACEHOLDERS } from '../placeholders';
import type { NewReply } from '../types';
import { validateReply, type ReplyErrors } from '../validation';
import './ReplyForm.css';

const FIELDS = ['title', 'body', 'shared'] as const;
type FormErrors = ReplyErrors & { shared?: string; form?: string };

interface ReplyFormProps {
  /** Prefix of the controls' ids, unique on the page. */
  id: string;
  initial: NewReply;
  submitLabel: string;
  /** Saves the reply; a rejection with the server's errors is shown at the fields it names. */
  onSave: (reply: NewReply) => Promise<unknown>;
  /** Editing: leave without saving. */
  onCancel?: () => void;
  /** Called once saved, e.g. to say so. */
  onSaved?: (reply: NewReply) => void;
}

/** A canned reply's title, text and whether the whole team shares it: for a new reply and for editing one. */
export function ReplyForm({ id, initial, submitLabel, onSave, onCancel, onSaved }: ReplyFormProps) {
  const [reply, setReply] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const focusFirstInvalid = () =>
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const clientErrors = validateReply(reply);
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) return focusFirstInvalid();
    const trimmed = { ...reply, title: reply.title.trim(), body: reply.body.trim() };
    setPending(true);
    try {
      await onSave(trimmed);
      onSaved?.(trimmed);
    } catch (failure) {
      const { fieldMessages, summary } = splitServerErrors(failure as Error, FIELDS);
      setErrors({ ...fieldMessages, form: summary });
      focusFirstInvalid();
    } finally {
      setPending(false);
    }
  }

  return (
    <form ref={formRef} className="reply-form" noValidate onSubmit={(event) => void handleSubmit(event)}>
      <Field id={`${id}-title`} label="Title" error={errors.title} hint="What you will type to find it, e.g. “Refund on its way”.">
        {(controlProps) => (
          <input
            {...controlProps}
            className="input"
            autoComplete="off"
            value={reply.title}
            onChange={(event) => setReply({ ...reply, title: event.target.value })}
          />
        )}
      </Field>
      <Field
        id={`${id}-body`}
        label="Text"
        error={errors.body}
        hint={
          <>
            These are filled in when you insert the reply: {PLACEHOLDERS.join(', ')} (the customer's name, or “
            {NAMELESS_CUSTOMER}” when they gave none).
          </>
        }
      >
        {(controlProps) => (
          <textarea
            {...controlProps}
            className="textarea"
            rows={6}
            value={reply.body}
            onChange={(event) => setReply({ ...reply, body: event.target.value })}
          />
        )}
      </Field>
      <div className="checkbox-field">
        <input
          id={`${id}-shared`}
          type="checkbox"
          checked={reply.shared}
          aria-describedby={`${id}-shared-hint`}
          onChange={(event) => setReply({ ...reply, shared: event.target.checked })}
        />
        <label htmlFor={`${id}-shared`}>Share with every agent</label>
      </div>
      <p id={`${id}-shared-hint`} className="field__hint reply-form__shared-hint">
        Everyone can insert a shared reply; only its author and admins can change it.
      </p>
      {errors.shared && <p className="field__error">{errors.shared}</p>}
      <ErrorAlert message={errors.form && `Not saved: ${errors.form}`} />
      <FormActions submitLabel={submitLabel} busy={pending}>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </FormActions>
    </form>
  );
}
