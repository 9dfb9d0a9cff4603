import { RefreshBar } from '../../../components/RefreshBar';
import { RetryAlert } from '../../../components/RetryAlert';
import { StatCard, StatCards } from '../../../components/StatCards';
import { CATEGORIES, PRIORITIES, STATUSES } from '../../../lib/enums';
import { formatCount } from '../../../lib/format';
import { CATEGORY_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../../../lib/labels';
import { STATS_REFRESH_MS, useStats } from '../api/get-stats';
import { AgreementTable } from './AgreementTable';
import { BarChart } from './BarChart';
import './Dashboard.css';

export function Dashboard() {
  const { data: stats, error, isPending, isFetching, dataUpdatedAt, refetch } = useStats(STATS_REFRESH_MS);

  if (isPending) return <p role="status">Loading figures…</p>;
  if (error && !stats) {
    return <RetryAlert message={`Could not load the figures: ${error.message}`} onRetry={() => void refetch()} />;
  }

  return (
    <div className="dashboard" aria-busy={isFetching}>
      <RefreshBar updatedAt={dataUpdatedAt} intervalMs={STATS_REFRESH_MS} isFetching={isFetching} onRefresh={() => void refetch()} />
      <StatCards>
        <StatCard label="Total tickets" value={formatCount(stats.total_tickets)} />
        {stats.waiting_on_us !== undefined && <StatCard label="Waiting on us" value={formatCount(stats.waiting_on_us)} />}
        <StatCard label="Open tickets" value={formatCount(stats.open_tickets)} />
        {stats.unassigned_open !== undefined && <StatCard label="Open and unassigned" value={formatCount(stats.unassigned_open)} />}
        <StatCard label="Average per day" value={stats.avg_tickets_per_day.toFixed(1)} />
      </StatCards>
      <div className="charts">
        <BarChart title="By priority" keys={PRIORITIES} labels={PRIORITY_LABELS} counts={stats.priority_breakdown} barClassPrefix="priority" />
        <BarChart title="By category" keys={CATEGORIES} labels={CATEGORY_LABELS} counts={stats.category_breakdown} barClassPrefix="category" />
        <BarChart title="By status" keys={STATUSES} labels={STATUS_LABELS} counts={stats.status_breakdown} barClassPrefix="status" />
      </div>
      {stats.classification && <AgreementTable classification={stats.classification} />}
    </div>
  );
}
