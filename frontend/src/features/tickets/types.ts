import type { Category, ClassificationSource, Priority, Status } from '../../lib/enums';

export interface Ticket {
  id: number;
  title: string;
  description: string;
  category: Category;
  priority: Priority;
  status: Status;
  created_at: string;
  updated_at: string;
  suggested_category: Category | null;
  suggested_priority: Priority | null;
  classification_source: ClassificationSource | null;
}

export interface TicketPage {
  count: number;
  /** False when a search matched more tickets than the server counts (count is then a floor). */
  count_exact: boolean;
  next: string | null;
  previous: string | null;
  results: Ticket[];
}

export interface Suggestion {
  suggested_category: Category;
  suggested_priority: Priority;
  source: ClassificationSource;
}

export const ORDERINGS = ['-created_at', 'created_at', '-priority', 'priority', 'status', '-status'] as const;
export type Ordering = (typeof ORDERINGS)[number];
export const DEFAULT_ORDERING: Ordering = '-created_at';

/** What the list shows: the URL holds exactly these, so a view can be bookmarked. */
export interface TicketListParams {
  category: Category[];
  priority: Priority[];
  status: Status[];
  search: string;
  ordering: Ordering;
  page: number;
}

export type TicketChanges = Partial<Pick<Ticket, 'title' | 'description' | 'category' | 'priority' | 'status'>>;

export interface NewTicket {
  title: string;
  description: string;
  category?: Category;
  priority?: Priority;
  suggested_category?: Category;
  suggested_priority?: Priority;
  classification_source?: ClassificationSource;
}
