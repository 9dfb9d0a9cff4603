import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { Route, Switch } from 'wouter';
import { RequireAuth } from '../features/auth/components/RequireAuth';
import { Layout } from './Layout';
import { AccountsPage } from './routes/AccountsPage';
import { DashboardPage } from './routes/DashboardPage';
import { FollowPage } from './routes/FollowPage';
import { HomePage } from './routes/HomePage';
import { LoginPage } from './routes/LoginPage';
import { NotFoundPage } from './routes/NotFoundPage';
import { ProfilePage } from './routes/ProfilePage';
import { SubmitPage } from './routes/SubmitPage';
import { TicketPage } from './routes/TicketPage';
import { TokensPage } from './routes/TokensPage';

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <Layout>
        <Switch>
          {/* Anyone */}
          <Route path="/" component={HomePage} />
          <Route path="/submit" component={SubmitPage} />
          <Route path="/login" component={LoginPage} />
          <Route path="/follow/:id">{({ id }) => <FollowPage id={id} />}</Route>
          {/* Agents and admins */}
          <Route path="/tickets/:id">
            {({ id }) => (
              <RequireAuth>
                <TicketPage id={id} />
              </RequireAuth>
            )}
          </Route>
          <Route path="/dashboard">
            <RequireAuth>
              <DashboardPage />
            </RequireAuth>
          </Route>
          <Route path="/tokens">
            <RequireAuth>
              <TokensPage />
            </RequireAuth>
          </Route>
          <Route path="/profile">
            <RequireAuth>{(user) => <ProfilePage user={user} />}</RequireAuth>
          </Route>
          {/* Admins */}
          <Route path="/accounts">
            <RequireAuth role="admin">
              <AccountsPage />
            </RequireAuth>
          </Route>
          <Route component={NotFoundPage} />
        </Switch>
      </Layout>
    </QueryClientProvider>
  );
}
