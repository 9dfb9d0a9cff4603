// The allowed values, in the API contract's order. A backend test compares this file with
// ticketsvc/enums.py, so keep each list a plain literal.
export const CATEGORIES = ['billing', 'technical', 'account', 'general'] as const;
export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export const STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
export const CLASSIFICATION_SOURCES = ['gemini', 'fallback'] as const;
export const ROLES = ['agent', 'admin'] as const;

export type Category = (typeof CATEGORIES)[number];
export type Priority = (typeof PRIORITIES)[number];
export type Status = (typeof STATUSES)[number];
export type ClassificationSource = (typeof CLASSIFICATION_SOURCES)[number];
export type Role = (typeof ROLES)[number];
