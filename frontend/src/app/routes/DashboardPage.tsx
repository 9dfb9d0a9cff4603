import { TitledPage } from '../../components/TitledPage';
import { Dashboard } from '../../features/stats/components/Dashboard';

export function DashboardPage() {
  return (
    <TitledPage headingId="dashboard-heading" title="Dashboard">
      <Dashboard />
    </TitledPage>
  );
}
