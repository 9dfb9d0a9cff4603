import { ApiError } from '../../lib/api-client';

/**
 * A refused sign-in or password-reset request in people's words: a 429 says how long to
 * wait (from `Retry-After`), anything else is the server's message.
 */
export function describeAttemptError(error: Error): string {
  if (error instanceof ApiError && error.status === 429) {
    return error.retryAfterSeconds !== null
      ? `Too many attempts, try again in ${error.retryAfterSeconds} s.`
      : 'Too many attempts, try again in a moment.';
  }
  return error.message;
}
