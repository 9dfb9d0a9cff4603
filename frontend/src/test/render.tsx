import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { App } from '../app/App';
import { authKeys } from '../features/auth/api/query-keys';
import type { User } from '../features/auth/types';

export const AGENT: User = { id: 3, email: 'dana@example.com', name: 'Dana', role: 'agent', notify_by_mail: true };
export const ADMIN: User = { id: 1, email: 'ada@example.com', name: 'Ada', role: 'admin', notify_by_mail: true };

export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false }, mutations: { retry: false } },
  });
}

/** Renders one component with a fresh query cache. */
export function renderWithClient(ui: ReactElement) {
  const queryClient = createTestQueryClient();
  return { queryClient, ...render(<QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>) };
}

interface RenderAppOptions {
  /**
   * Who the app believes is signed in, as if GET /api/auth/me/ had answered: an agent by
   * default, `null` for an anonymous visitor, 'ask' to let the app ask the (stubbed) API.
   */
  user?: User | null | 'ask';
}

/** Renders the whole app at `url`, as a browser would after navigating there. */
export function renderApp(url = '/', { user = AGENT }: RenderAppOptions = {}) {
  window.history.pushState(null, '', url);
  const queryClient = createTestQueryClient();
  if (user !== 'ask') queryClient.setQueryData(authKeys.me(), user);
  return { queryClient, ...render(<App queryClient={queryClient} />) };
}
