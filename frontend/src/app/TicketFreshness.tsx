import { useLocation } from 'wouter';
import { useMe } from '../features/auth/api/get-me';
import { useTicketChanges } from '../features/tickets/api/get-ticket-changes';

/** Pages that show tickets or their figures, and so follow others' changes. */
function showsTickets(location: string): boolean {
  return location === '/' || location === '/dashboard' || (location.startsWith('/tickets/') && location !== '/tickets/new');
}

/**
 * While a signed-in agent has the queue, a ticket or the dashboard open, others' changes reach
 * the screen within seconds, without a reload. One change stream for the whole tab, whatever
 * is open (looks every few seconds while the stream is not open); signing out, or leaving for
 * a page without tickets, closes it.
 */
export function TicketFreshness() {
  const { data: user } = useMe();
  const [location] = useLocation();
  useTicketChanges(user && showsTickets(location) ? user.id : undefined);
  return null;
}
