import { Dashboard } from '../../features/stats/components/Dashboard';
import { useDocumentTitle } from '../../lib/use-document-title';

export function DashboardPage() {
  useDocumentTitle('Dashboard');
  return (
    <section aria-labelledby="dashboard-heading">
      <h1 id="dashboard-heading" className="page-title">
        Dashboard
      </h1>
      <Dashboard />
    </section>
  );
}
