// The contract's limits for a canned reply, checked before sending so people get instant
// feedback; the server checks them again (and more, e.g. NUL characters) and its word wins.
export const REPLY_TITLE_MAX_LENGTH = 100;
export const REPLY_BODY_MAX_LENGTH = 10_000;

export type ReplyErrors = Partial<Record<'title' | 'body', string>>;

export function validateReply({ title, body }: { title: string; body: string }): ReplyErrors {
  const errors: ReplyErrors = {};
  const trimmedTitle = title.trim();
  if (!trimmedTitle) errors.title = 'Give the reply a title to find it by.';
  else if (trimmedTitle.length > REPLY_TITLE_MAX_LENGTH) {
    errors.title = `Keep the title to ${REPLY_TITLE_MAX_LENGTH} characters or fewer.`;
  }
  const trimmedBody = body.trim();
  if (!trimmedBody) errors.body = 'Write the text of the reply.';
  else if (trimmedBody.length > REPLY_BODY_MAX_LENGTH) {
    errors.body = `Keep the text to ${REPLY_BODY_MAX_LENGTH.toLocaleString('en')} characters or fewer.`;
  }
  return errors;
}
