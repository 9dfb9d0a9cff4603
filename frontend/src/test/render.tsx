import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { App } from '../app/App';

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

/** Renders the whole app at `url`, as a browser would after navigating there. */
export function renderApp(url = '/') {
  window.history.pushState(null, '', url);
  const queryClient = createTestQueryClient();
  return { queryClient, ...render(<App queryClient={queryClient} />) };
}
