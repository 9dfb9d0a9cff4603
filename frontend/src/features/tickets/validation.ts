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
