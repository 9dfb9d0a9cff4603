import { ApiError } from './api-client';

/**
 * Splits an API error into messages for the form's own fields and one summary for the
 * rest, so each server message lands next to the field it is about.
 */
export function splitServerErrors<Field extends string>(
  error: Error,
  fields: readonly Field[],
): { fieldMessages: Partial<Record<Field, string>>; summary: string } {
  if (!(error instanceof ApiError)) return { fieldMessages: {}, summary: error.message };
  const fieldMessages: Partial<Record<Field, string>> = {};
  const otherMessages: string[] = [];
  for (const [field, messages] of Object.entries(error.fieldErrors)) {
    if ((fields as readonly string[]).includes(field)) fieldMessages[field as Field] = messages[0];
    else otherMessages.push(`${field}: ${messages.join(' ')}`);
  }
  return { fieldMessages, summary: [error.message, ...otherMessages].join(' ') };
}
