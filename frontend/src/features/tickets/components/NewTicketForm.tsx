import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { EnumSelect } from '../../../components/EnumSelect';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Field } from '../../../components/Field';
import { FormActions } from '../../../components/FormActions';
import { CATEGORIES, PRIORITIES, type Category, type Priority } from '../../../lib/enums';
import { CATEGORY_LABELS, PRIORITY_LABELS } from '../../../lib/labels';
import { useCreateTicket } from '../api/create-ticket';
import type { CreatedTicket, NewTicket, Suggestion } from '../types';
import { useTicketSuggestion } from '../use-ticket-suggestion';
import { splitServerErrors } from '../../../lib/server-errors';
import { validateRequester, validateTicketText, type RequesterErrors, type TicketTextErrors } from '../validation';
import { PrivateLink } from './PrivateLink';
import { SuggestionNote, SuggestionStatus } from './SuggestionNote';
import { TicketTextFields, type TicketTextValues } from './TicketTextFields';
import { path } from '../../../lib/urls';

const EMPTY_TEXT: TicketTextValues = { title: '', description: '' };

/** Who is asking, both optional: the name is shown with the customer's replies. */
interface Requester {
  name: string;
  email: string;
}
const NO_REQUESTER: Requester = { name: '', email: '' };

/** What the user picked by hand; `null` = untouched, so a suggestion may fill it in. */
interface ManualChoices {
  category: Category | '' | null;
  priority: Priority | '' | null;
}
const NO_CHOICES: ManualChoices = { category: null, priority: null };

type FormErrors = TicketTextErrors & RequesterErrors & { category?: string; priority?: string; form?: string };

/** Who fills the form in: a customer about themself, or an agent for a customer. */
export type FormAudience = 'customer' | 'agent';

const WORDING: Record<FormAudience, { heading: string; name: string; email: string }> = {
  customer: { heading: 'New ticket', name: 'Your name (optional)', email: 'Your email (optional)' },
  agent: { heading: "The customer's request", name: "Customer's name (optional)", email: "Customer's email (optional)" },
};

interface NewTicketFormProps {
  /** Agents get a link to the new ticket's page; customers cannot open it. */
  linkToTicket?: boolean;
  audience?: FormAudience;
}

export function NewTicketForm({ linkToTicket = false, audience = 'customer' }: NewTicketFormProps) {
  const wording = WORDING[audience];
  const [text, setText] = useState(EMPTY_TEXT);
  const [requester, setRequester] = useState(NO_REQUESTER);
  const [choices, setChoices] = useState(NO_CHOICES);
  const [errors, setErrors] = useState<FormErrors>({});
  const [created, setCreated] = useState<CreatedTicket | null>(null);
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
    const clientErrors = { ...validateTicketText(text), ...validateRequester(requester.email) };
    setErrors(clientErrors);
    setCreated(null);
    if (Object.keys(clientErrors).length > 0) {
      focusFirstInvalidField();
      return;
    }
    createTicket.mutate(buildNewTicket(text, requester, category, priority, suggestion), {
      onSuccess: (ticket) => {
        setText(EMPTY_TEXT);
        setRequester(NO_REQUESTER);
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
    <div className="new-ticket">
      <form ref={formRef} className="card ticket-form" noValidate onSubmit={handleSubmit} aria-labelledby="new-ticket-heading">
        <h2 id="new-ticket-heading">{wording.heading}</h2>
        <TicketTextFields idPrefix="new-ticket" values={text} errors={errors} onChange={setText} onBlur={suggestNow} />
        <div className="form-row">
          <Field id="new-ticket-requester-name" label={wording.name} error={errors.requester_name}>
            {(controlProps) => (
              <input
                {...controlProps}
                className="input"
                name="requester_name"
                autoComplete="name"
                value={requester.name}
                onChange={(event) => setRequester({ ...requester, name: event.target.value })}
              />
            )}
          </Field>
          <Field id="new-ticket-requester-email" label={wording.email} error={errors.requester_email}>
            {(controlProps) => (
              <input
                {...controlProps}
                className="input"
                type="email"
                name="requester_email"
                autoComplete="email"
                value={requester.email}
                onChange={(event) => setRequester({ ...requester, email: event.target.value })}
              />
            )}
          </Field>
        </div>
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
            hint={<SuggestionNote suggested={suggestion?.suggested_category} labels={CATEGORY_LABELS} source={suggestion?.source} chosenByHand={choices.category !== null} audience={audience} />}
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
            hint={<SuggestionNote suggested={suggestion?.suggested_priority} labels={PRIORITY_LABELS} source={suggestion?.source} chosenByHand={choices.priority !== null} audience={audience} />}
            error={errors.priority}
          />
        </div>
        <ErrorAlert message={errors.form} />
        <FormActions
          submitLabel={createTicket.isPending ? 'Submitting…' : 'Submit ticket'}
          busy={createTicket.isPending}
          status={
            created ? (
              <>
                Ticket {linkToTicket ? <Link href={path`/tickets/${created.id}`}>#{created.id}</Link> : `#${created.id}`} created.
              </>
            ) : null
          }
        />
      </form>
      {created && <PrivateLink ticketId={created.id} accessKey={created.access_key} />}
    </div>
  );
}

function buildNewTicket(
  text: TicketTextValues,
  requester: Requester,
  category: Category | '',
  priority: Priority | '',
  suggestion: Suggestion | null,
): NewTicket {
  return {
    title: text.title.trim(),
    description: text.description.trim(),
    ...(requester.name.trim() && { requester_name: requester.name.trim() }),
    ...(requester.email.trim() && { requester_email: requester.email.trim() }),
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

const FORM_FIELDS = ['title', 'description', 'category', 'priority', 'requester_name', 'requester_email'] as const;

function toFormErrors(error: Error): FormErrors {
  const { fieldMessages, summary } = splitServerErrors(error, FORM_FIELDS);
  return { ...fieldMessages, form: summary };
}
