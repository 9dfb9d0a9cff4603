import { ErrorAlert } from '../../../components/ErrorAlert';
import { RefreshBar } from '../../../components/RefreshBar';
import { RelativeTime } from '../../../components/RelativeTime';
import { RetryAlert } from '../../../components/RetryAlert';
import { StatCard, StatCards } from '../../../components/StatCards';
import { formatCount, formatExactTime } from '../../../lib/format';
import { MAIL_STATUS_REFRESH_MS, useMailStatus } from '../api/get-mail-status';
import './MailStatusOverview.css';

/** "5 minutes ago (7 Dec 2026, 11:02:03)", or `never` when it has not happened. */
function When({ iso, never }: { iso: string | null; never: string }) {
  if (iso === null) return <>{never}</>;
  return (
    <>
      <RelativeTime iso={iso} /> <span className="muted">({formatExactTime(iso)})</span>
    </>
  );
}

/** The admin's view of the mail: what waits, failed or went out in the last day, and when mail last came in. */
export function MailStatusOverview() {
  const { data: status, error, isPending, isFetching, dataUpdatedAt, refetch } = useMailStatus();

  if (isPending) return <p role="status">Loading the mail status…</p>;
  if (error && !status) {
    return <RetryAlert message={`Could not load the mail status: ${error.message}`} onRetry={() => void refetch()} />;
  }

  return (
    <div className="mail-status" aria-busy={isFetching}>
      <RefreshBar updatedAt={dataUpdatedAt} intervalMs={MAIL_STATUS_REFRESH_MS} isFetching={isFetching} onRefresh={() => void refetch()} />
      <ErrorAlert message={error && `Could not refresh: ${error.message}`} />
      <section className="card" aria-labelledby="outgoing-mail-heading">
        <h2 id="outgoing-mail-heading">Outgoing</h2>
        <StatCards>
          <StatCard label="Queued" value={formatCount(status.queued)} />
          <StatCard
            label="Failed in the last 24 hours"
            value={formatCount(status.failed_24h)}
            className={status.failed_24h > 0 ? 'stat-card--alarm' : undefined}
          />
          <StatCard label="Sent in the last 24 hours" value={formatCount(status.sent_24h)} />
        </StatCards>
        <p className="muted">A reply that could not be delivered says why in its ticket's conversation.</p>
      </section>
      <section className="card" aria-labelledby="incoming-mail-heading">
        <h2 id="incoming-mail-heading">Incoming</h2>
        <dl className="mail-status__facts">
          <div>
            <dt>Last mail received</dt>
            <dd>
              <When iso={status.last_received_at} never="Never" />
            </dd>
          </div>
          <div>
            <dt>Last mailbox check (IMAP)</dt>
            <dd>
              <When iso={status.last_fetch_at} never="Never: IMAP is not configured, or the worker has not checked the mailbox yet" />
            </dd>
          </div>
          <div>
            <dt>Error of the last check</dt>
            <dd>
              {status.last_fetch_error === null ? (
                'None'
              ) : (
                <span className="mail-status__error">
                  <span aria-hidden="true">⚠ </span>
                  {status.last_fetch_error}
                </span>
              )}
            </dd>
          </div>
        </dl>
      </section>
    </div>
  );
}
