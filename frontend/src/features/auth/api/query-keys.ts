// Everything cached about the signed-in user hangs under 'session', so signing in or out
// can drop every other query (another user's tickets) and keep just these.
export const authKeys = {
  all: ['session'] as const,
  me: () => [...authKeys.all, 'me'] as const,
  tokens: () => [...authKeys.all, 'tokens'] as const,
};
