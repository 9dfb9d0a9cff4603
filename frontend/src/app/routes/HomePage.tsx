import { useMe } from '../../features/auth/api/get-me';
import { SubmitPage } from './SubmitPage';
import { TicketsPage } from './TicketsPage';

/** Agents land on the tickets; everyone else on the form to submit one. */
export function HomePage() {
  const { data: user, isPending } = useMe();
  if (isPending) return <p role="status">Loading…</p>;
  return user ? <TicketsPage /> : <SubmitPage />;
}
