import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { ApiError } from '../../../lib/api-client';
import { formatCount } from '../../../lib/format';
import { bulkFilterOf, exportQueryOf, PAGE_SIZE, useTickets } from '../api/get-tickets';
import { QUEUE_VIEW_DEFINITIONS } from '../queue-views';
import type { TicketListParams, TicketPage } from '../types';
import { hasActiveFilters, hrefForList, switchView } from '../use-ticket-list-params';
import { useSteadyRows } from '../use-steady-rows';
import { useTicketSelection, type TicketSelection } from '../use-ticket-selection';
import { Pagination } from '../../../components/Pagination';
import { BulkBar } from './BulkBar';
import { ExportLink } from './ExportLink';
import { TicketRow } from './TicketRow';
import './TicketList.css';

interface TicketListProps {
  params: TicketListParams;
  onClearFilters: () => void;
}

const NO_ROWS: never[] = [];

export function TicketList({ params, onClearFilters }: TicketListProps) {
  const { data, error, isPending, isFetching, isPlaceholderData, refetch } = useTickets(params);
  const listHref = hrefForList(params);
  const steady = useSteadyRows(data?.results ?? NO_ROWS, listHref);
  const selection = useTicketSelection(listHref, steady.rows.map((ticket) => ticket.id));

  let content: ReactNode;
  if (isPending) {
    content = <p className="list-state" role="status">Loading tickets…</p>;
  } else if (error) {
    const pastTheEnd = error instanceof ApiError && error.status === 404;
    content = (
      <div className="list-state alert alert--error" role="alert">
        <p>{pastTheEnd ? 'This page is past the last ticket.' : `Could not load tickets: ${error.message}`}</p>
        {pastTheEnd ? (
          <Link href={hrefForList({ ...params, page: 1 })}>Go to the first page</Link>
        ) : (
          <button type="button" className="button" onClick={() => void refetch()}>
            Try again
          </button>
        )}
      </div>
    );
  } else if (data.results.length === 0 && steady.rows.length === 0) {
    content = <EmptyList params={params} onClearFilters={onClearFilters} />;
  } else {
    content = (
      <div className="ticket-list" aria-busy={isFetching}>
        <div className="ticket-list__header">
          <PageCheckbox selection={selection} />
          <p role="status">{describeRange(data)}</p>
          <ExportLink query={exportQueryOf(params)} />
          {isPlaceholderData && (
            <p className="ticket-list__updating">
              <span className="spinner" aria-hidden="true" /> Updating…
            </p>
          )}
          <p className="ticket-list__held" role="status">
            {steady.changedMeanwhile && 'The list has changed: it moves once you leave it.'}
          </p>
          <p id="ticket-list-keys" className="ticket-list__keys">
            Keyboard: Tab goes from ticket to ticket (its checkbox, then its title); ← → move within one; ↑ ↓ browse a choice, Enter applies it.
          </p>
        </div>
        {/* On a wide screen the quick edits line up in columns, named once here (each select keeps its own label). */}
        <div className="ticket-list__columns" aria-hidden="true">
          <span>Status</span>
          <span>Category</span>
          <span>Priority</span>
        </div>
        <ul
          className={isPlaceholderData ? 'ticket-list__rows ticket-list__rows--stale' : 'ticket-list__rows'}
          aria-label={QUEUE_VIEW_DEFINITIONS[params.view].label}
          aria-describedby="ticket-list-keys"
          {...steady.listProps}
        >
          {steady.rows.map((ticket) => (
            <TicketRow
              key={ticket.id}
              ticket={ticket}
              queueHref={listHref}
              hasLeft={steady.hasLeft(ticket)}
              selected={selection.isSelected(ticket.id)}
              onSelectedChange={(selected) => selection.toggle(ticket.id, selected)}
            />
          ))}
        </ul>
        <Pagination
          page={data.page}
          hasPrevious={data.previous !== null}
          hasNext={data.next !== null}
          pageCount={data.count_exact ? Math.max(1, Math.ceil(data.count / PAGE_SIZE)) : null}
          hrefFor={(page) => hrefForList({ ...params, page })}
        />
      </div>
    );
  }

  return (
    <>
      {/* Above whatever the list shows: a job's progress and outcome stay while the list reloads or empties. */}
      <BulkBar selection={selection} filterQuery={bulkFilterOf(params)} matching={{ count: data?.count ?? 0, exact: data?.count_exact ?? true }} />
      {content}
    </>
  );
}

/** Picks every row on screen, or none; half-ticked while some are picked. */
function PageCheckbox({ selection }: { selection: TicketSelection }) {
  const some = selection.selectedIds.length > 0;
  return (
    <div className="ticket-list__select-page">
      <input
        id="ticket-list-select-page"
        type="checkbox"
        checked={selection.wholePage}
        ref={(box) => {
          if (box) box.indeterminate = some && !selection.wholePage;
        }}
        onChange={(event) => selection.togglePage(event.target.checked)}
      />
      <label htmlFor="ticket-list-select-page">
        Select all <span className="visually-hidden">tickets on this page</span>
      </label>
    </div>
  );
}

function EmptyList({ params, onClearFilters }: TicketListProps) {
  if (!hasActiveFilters(params)) {
    return (
      <p className="list-state" role="status">
        {QUEUE_VIEW_DEFINITIONS[params.view].empty}
      </p>
    );
  }
  return (
    <div className="list-state" role="status">
      <p>No tickets match these filters.</p>
      <div className="list-state__actions">
        <button type="button" className="button" onClick={onClearFilters}>
          Clear filters
        </button>
        {params.view !== 'all' && params.search.trim() && (
          <Link href={hrefForList(switchView(params, 'all'))} className="button">
            Search all tickets
          </Link>
        )}
      </div>
    </div>
  );
}

/** "Showing 21–40 of 1,234 tickets", or "of 1,000+" when the server stopped counting. */
function describeRange(page: TicketPage & { page: number }): string {
  if (page.results.length === 0) return 'No tickets left in this view.';
  const first = (page.page - 1) * PAGE_SIZE + 1;
  const last = first + page.results.length - 1;
  const total = page.count_exact ? formatCount(page.count) : `${formatCount(page.count)}+`;
  const noun = page.count === 1 && page.count_exact ? 'ticket' : 'tickets';
  return `Showing ${formatCount(first)}–${formatCount(last)} of ${total} ${noun}`;
}
