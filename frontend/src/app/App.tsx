import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { Redirect, Route, Switch, useSearch } from 'wouter';
import { RequireAuth } from '../features/auth/components/RequireAuth';
import { withQuery } from '../lib/urls';
import { Layout } from './Layout';
import { AccountsPage } from './routes/AccountsPage';
import { DashboardPage } from './routes/DashboardPage';
import { FollowPage } from './routes/FollowPage';
import { ForgotPasswordPage } from './routes/ForgotPasswordPage';
import { HomePage } from './routes/HomePage';
import { MailPage } from './routes/MailPage';
import { NewTicketPage } from './routes/NewTicketPage';
import { SignInPage } from './routes/SignInPage';
import { NotFoundPage } from './routes/NotFoundPage';
import { ProfilePage } from './routes/ProfilePage';
import { RepliesPage } from './routes/RepliesPage';
import { ResetPasswordPage } from './routes/ResetPasswordPage';
import { SubmitPage } from './routes/SubmitPage';
import { TicketPage } from './routes/TicketPage';
import { TokensPage } from './routes/TokensPage';
import { TicketFreshness } from './TicketFreshness';

/** Bookmarks of the sign-in page's old address still lead there, `next` and all. */
function OldSignInAddress() {
  const search = useSearch();
  return <Redirect to={withQuery('/sign-in', new URLSearchParams(search))} replace />;
}

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <TicketFreshness />
      <Layout>
        <Switch>
          {/* Anyone */}
          <Route path="/" component={HomePage} />
          <Route path="/submit" component={SubmitPage} />
          <Route path="/sign-in" component={SignInPage} />
          <Route path="/login" component={OldSignInAddress} />
          <Route path="/forgot-password" component={ForgotPasswordPage} />
          <Route path="/reset" component={ResetPasswordPage} />
          <Route path="/follow/:id">{({ id }) => <FollowPage id={id} />}</Route>
          {/* Agents and admins */}
          <Route path="/tickets/new">
            <RequireAuth>
              <NewTicketPage />
            </RequireAuth>
          </Route>
          <Route path="/tickets/:id">
            {({ id }) => (
              <RequireAuth>{(user) => <TicketPage id={id} user={user} />}</RequireAuth>
            )}
          </Route>
          <Route path="/dashboard">
            <RequireAuth>
              <DashboardPage />
            </RequireAuth>
          </Route>
          <Route path="/replies">
            <RequireAuth>{(user) => <RepliesPage user={user} />}</RequireAuth>
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
          <Route path="/mail">
            <RequireAuth role="admin">
              <MailPage />
            </RequireAuth>
          </Route>
          <Route component={NotFoundPage} />
        </Switch>
      </Layout>
    </QueryClientProvider>
  );
}
