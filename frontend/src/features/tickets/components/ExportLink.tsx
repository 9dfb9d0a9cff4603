import { withQuery } from '../../../lib/urls';

/**
 * "Export CSV": every ticket the list's filters match, in its order, all pages, as the
 * server streams it. A plain link: the session cookie authenticates it and the browser
 * saves the file itself, however large.
 */
export function ExportLink({ query }: { query: URLSearchParams }) {
  return (
    <a className="button" href={withQuery('/api/tickets/export.csv', query)} download>
      Export CSV<span className="visually-hidden"> of every ticket matching these filters</span>
    </a>
  );
}
