import './RefreshBar.css';

interface RefreshBarProps {
  /** When the figures shown were fetched (epoch ms). */
  updatedAt: number;
  intervalMs: number;
  isFetching: boolean;
  onRefresh: () => void;
}

/** Says how fresh a page's figures are and how often they refresh, with a way to refresh now. */
export function RefreshBar({ updatedAt, intervalMs, isFetching, onRefresh }: RefreshBarProps) {
  return (
    <div className="refresh-bar">
      <p className="muted">
        Updated {new Date(updatedAt).toLocaleTimeString('en')}; refreshes every {intervalMs / 1000} seconds.
      </p>
      <button type="button" className="button" onClick={onRefresh} disabled={isFetching}>
        {isFetching ? 'Refreshing…' : 'Refresh now'}
      </button>
    </div>
  );
}
