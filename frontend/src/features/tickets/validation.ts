// The contract's limits, checked before sending so people get instant feedback;
// the server checks them again and its word wins.
export const TITLE_MAX_LENGTH = 200;
export const DESCRIPTION_MAX_LENGTH = 10_000;

export type TicketTextErrors = Partial<Record<'title' | 'description', string>>;

export function validateTicketText({ title, description }: { title: string; description: string }): TicketTextErrors {
  const errors: TicketTextErrors = {};
  const trimmedTitle = title.trim();
  if (!trimmedTitle) errors.title = 'Enter a title.';
  else if (trimmedTitle.length > TITLE_MAX_LENGTH) {
    errors.title = `Keep the title to ${TITLE_MAX_LENGTH} characters or fewer.`;
  }
  const trimmedDescription = description.trim();
  if (!trimmedDescription) errors.description = 'Describe the problem.';
  else if (trimmedDescription.length > DESCRIPTION_MAX_LENGTH) {
    errors.description = `Keep the description to ${DESCRIPTION_MAX_LENGTH.toLocaleString('en')} characters or fewer.`;
  }
  return errors;
}

export type RequesterErrors = Partial<Record<'requester_name' | 'requester_email', string>>;

/** Only a rough shape check: the server decides what an email address is. */
export function validateRequester(email: string): RequesterErrors {
  const trimmed = email.trim();
  if (trimmed && !/^[^\s@]+@[^\s@]+$/.test(trimmed)) {
    return { requester_email: 'Enter an email address like name@example.com, or leave it empty.' };
  }
  return {};
}

export const COMMENT_MAX_LENGTH = DESCRIPTION_MAX_LENGTH;

/** A reply or note: 1–10,000 characters once trimmed, like a description. */
export function validateCommentBody(body: string): string | undefined {
  const trimmed = body.trim();
  if (!trimmed) return 'Write a message first.';
  if (trimmed.length > COMMENT_MAX_LENGTH) {
    return `Keep the message to ${COMMENT_MAX_LENGTH.toLocaleString('en')} characters or fewer.`;
  }
  return undefined;
}
