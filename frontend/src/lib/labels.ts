import type { Category, ClassificationSource, Priority, Role, Status } from './enums';

export const CATEGORY_LABELS: Record<Category, string> = {
  billing: 'Billing',
  technical: 'Technical',
  account: 'Account',
  general: 'General',
};

export const PRIORITY_LABELS: Record<Priority, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

export const STATUS_LABELS: Record<Status, string> = {
  open: 'Open',
  in_progress: 'In progress',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const SOURCE_LABELS: Record<ClassificationSource, string> = {
  gemini: 'Gemini',
  fallback: 'offline rules',
};

export const ROLE_LABELS: Record<Role, string> = {
  agent: 'Agent',
  admin: 'Admin',
};
