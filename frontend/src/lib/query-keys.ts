// Query keys that more than one feature touches: a ticket change moves the dashboard's
// figures, so the tickets feature invalidates the stats without importing that feature.
export const statsKeys = {
  all: ['stats'] as const,
};
