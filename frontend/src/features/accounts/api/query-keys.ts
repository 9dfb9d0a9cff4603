export const accountKeys = {
  all: ['accounts'] as const,
  lists: () => [...accountKeys.all, 'list'] as const,
  list: (page: number) => [...accountKeys.lists(), page] as const,
};
