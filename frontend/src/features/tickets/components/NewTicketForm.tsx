import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { EnumSelect } from '../../../components/EnumSelect';
import { CATEGORIES, PRIORITIES, type Category, type Priority } from '../../../lib/enums';
import { CATEGORY_LABELS, PRIORITY_LABELS } from '../../../lib/labels';
import { useCreateTicket } from '../api/create-ticket';
import type { NewTicket, Suggestion, Ticket } from '../types';
import { useTicketSuggestion } from '../use-ticket-suggestion';
import { splitServerErrors } from '../../../lib/server-errors';
import { validateTicketText, type TicketTextErrors } from '../validation';
import { SuggestionNote, SuggestionStatus } from './SuggestionNote';
import { TicketTextFields, type TicketTextValues } from './TicketTextFields';

const EMPTY_TEXT: TicketTextValues = { title: '', description: '' };

/** What the user picked by hand; `null` = untouched, so a suggestion may fill it in. */
interface ManualChoices {
  category: Category | '' | null;
  priority: Priority | '' | null;
}
const NO_CHOICES: ManualChoices = { category: null, priority: null };

type FormErrors = TicketTextErrors & { category?: string; priority?: string; form?: string };

export function NewTicketForm() {
  const [text, setText] = useState(EMPTY_TEXT);
  const [choices, setChoices] = useState(NO_CHOICES);
  const [errors, setErrors] = useState<FormErrors>({});
  const [created, setCreated] = useState<Ticket | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const { suggestion, isSuggesting, suggestionFailed, suggestNow, reset: resetSuggestion } = useTicketSuggestion(text);
  const createTicket = useCreateTicket();

  const category = choices.category ?? suggestion?.suggested_category ?? '';
  const priority = choices.priority ?? suggestion?.suggested_priority ?? '';

  function focusFirstInvalidField() {
    // After React has rendered the messages, so the field's description is read with it.
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const clientErrors = validateTicketText(text);
    setErrors(clientErrors);
    setCreated(null);
    if (Object.keys(clientErrors).length > 0) {
      focusFirstInvalidField();
      return;
    }
    createTicket.mutate(buildNewTicket(text, category, priority, suggestion), {
      onSuccess: (ticket) => {
        setText(EMPTY_TEXT);
        setChoices(NO_CHOICES);
        resetSuggestion();
        setCreated(ticket);
      },
      onError: (error) => {
        setErrors(toFormErrors(error));
        focusFirstInvalidField();
      },
    });
  }

  return (
    <form ref={formRef} className="card ticket-form" noValidate onSubmit={handleSubmit} aria-labelledby="new-ticket-heading">
      <h2 id="new-ticket-heading">New ticket</h2>
      <TicketTextFields idPrefix="new-ticket" values={text} errors={errors} onChange={setText} onBlur={suggestNow} />
      <SuggestionStatus isSuggesting={isSuggesting} failed={suggestionFailed} />
      <div className="form-row">
        <EnumSelect
          id="new-ticket-category"
          label="Category"
          values={CATEGORIES}
          labels={CATEGORY_LABELS}
          value={category}
          emptyLabel="Automatic"
          onChange={(value) => setChoices((current) => ({ ...current, category: value }))}
          hint={<SuggestionNote suggested={suggestion?.suggested_category} labels={CATEGORY_LABELS} source={suggestion?.source} chosenByHand={choices.category !== null} />}
          error={errors.category}
        />
        <EnumSelect
          id="new-ticket-priority"
          label="Priority"
          values={PRIORITIES}
          labels={PRIORITY_LABELS}
          value={priority}
          emptyLabel="Automatic"
          onChange={(value) => setChoices((current) => ({ ...current, priority: value }))}
          hint={<SuggestionNote suggested={suggestion?.suggested_priority} labels={PRIORITY_LABELS} source={suggestion?.source} chosenByHand={choices.priority !== null} />}
          error={errors.priority}
        />
      </div>
      {errors.form && (
        <p className="alert alert--error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={createTicket.isPending}>
          {createTicket.isPending ? 'Submitting…' : 'Submit ticket'}
        </button>
        <p role="status" className="form-actions__status">
          {created && (
            <>
              Ticket <Link href={`/tickets/${created.id}`}>#{created.id}</Link> created.
            </>
          )}
        </p>
      </div>
    </form>
  );
}

function buildNewTicket(
  text: TicketTextValues,
  category: Category | '',
  priority: Priority | '',
  suggestion: Suggestion | null,
): NewTicket {
  return {
    title: text.title.trim(),
    description: text.description.trim(),
    // Left empty, the server classifies the ticket itself.
    ...(category && { category }),
    ...(priority && { priority }),
    ...(suggestion && {
      suggested_category: suggestion.suggested_category,
      suggested_priority: suggestion.suggested_priority,
      classification_source: suggestion.source,
    }),
  };
}

const FORM_FIELDS = ['title', 'description', 'category', 'priority'] as const;

function toFormErrors(error: Error): FormErrors {
  const { fieldMessages, summary } = splitServerErrors(error, FORM_FIELDS);
  return { ...fieldMessages, form: summary };
}
