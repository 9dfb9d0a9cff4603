import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { Route, Switch } from 'wouter';
import { Layout } from './Layout';
import { DashboardPage } from './routes/DashboardPage';
import { NotFoundPage } from './routes/NotFoundPage';
import { TicketPage } from './routes/TicketPage';
import { TicketsPage } from './routes/TicketsPage';

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <Layout>
        <Switch>
          <Route path="/" component={TicketsPage} />
          <Route path="/tickets/:id">{({ id }) => <TicketPage id={id} />}</Route>
          <Route path="/dashboard" component={DashboardPage} />
          <Route component={NotFoundPage} />
        </Switch>
      </Layout>
    </QueryClientProvider>
  );
}
