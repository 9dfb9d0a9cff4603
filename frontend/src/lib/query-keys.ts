// Query keys that more than one feature touches, so neither imports the other: a ticket
// change moves the dashboard's figures, and an account change moves who can be assigned.
export const statsKeys = {
  all: ['stats'] as const,
};

export const assigneeKeys = {
  all: ['assignees'] as const,
};
