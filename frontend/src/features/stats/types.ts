import type { Category, ClassificationSource, Priority, Status } from '../../lib/enums';

export interface AgreementFigures {
  tickets: number;
  category_matches: number;
  priority_matches: number;
  /** Fraction 0..1 of suggested tickets whose category still equals the suggestion; null with none. */
  category_agreement: number | null;
  priority_agreement: number | null;
}

export interface ClassificationStats extends AgreementFigures {
  by_source: Record<ClassificationSource, AgreementFigures>;
}

export interface Stats {
  total_tickets: number;
  open_tickets: number;
  /** Open tickets nobody holds; absent from servers before round 2. */
  unassigned_open?: number;
  /** Open or in-progress tickets whose latest public message is the customer's; absent before round 3. */
  waiting_on_us?: number;
  avg_tickets_per_day: number;
  priority_breakdown: Record<Priority, number>;
  category_breakdown: Record<Category, number>;
  status_breakdown: Record<Status, number>;
  /** Absent from servers that predate the classifier figures. */
  classification?: ClassificationStats;
}
