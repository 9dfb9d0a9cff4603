import type { ReactNode } from 'react';
import './StatCards.css';

/** Big figures in a row of cards, each a term and its value (the dashboard, the mail status). */
export function StatCards({ children }: { children: ReactNode }) {
  return <dl className="stat-cards">{children}</dl>;
}

export function StatCard({ label, value, className }: { label: string; value: ReactNode; className?: string }) {
  return (
    <div className={className ? `stat-card ${className}` : 'stat-card'}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
