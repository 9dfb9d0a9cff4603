export const replyKeys = {
  all: ['replies'] as const,
};
