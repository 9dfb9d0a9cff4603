import type { Category, Priority, Status } from '../../lib/enums';
import type { AssigneeFilter, Ordering, QueueView, TicketListParams, WaitingOn } from './types';

/** The filters a view sets itself; the filter panel does not offer these while the view is open. */
interface ViewFilters {
  status?: Status[];
  assignee?: AssigneeFilter[];
  waiting?: WaitingOn;
}

interface QueueViewDefinition {
  label: string;
  filters: ViewFilters;
  /** The order the view opens in. */
  ordering: Ordering;
  /** What the view says when it is empty and no filter of the panel narrows it. */
  empty: string;
}

// The contract's "Working the queue" views. "Waiting on us" puts who has waited longest first.
export const QUEUE_VIEW_DEFINITIONS: Record<QueueView, QueueViewDefinition> = {
  waiting: {
    label: 'Waiting on us',
    filters: { waiting: 'us' },
    ordering: 'last_customer_message_at',
    empty: 'Nothing is waiting on us: every open ticket has had an answer.',
  },
  mine: {
    label: 'Mine',
    filters: { assignee: ['me'], status: ['open', 'in_progress'] },
    ordering: '-created_at',
    empty: 'No open tickets are assigned to you.',
  },
  unassigned: {
    label: 'Unassigned',
    filters: { assignee: ['none'], status: ['open'] },
    ordering: '-created_at',
    empty: 'Every open ticket has someone on it.',
  },
  all: {
    label: 'All',
    filters: {},
    ordering: '-created_at',
    empty: 'No tickets yet. Submitted tickets will show up here.',
  },
};

/** Where agents land. */
export const DEFAULT_VIEW: QueueView = 'waiting';

/** Whether the panel offers this filter in the view (it does not where the view sets it). */
export function panelOffers(view: QueueView, name: 'status' | 'assignee'): boolean {
  return QUEUE_VIEW_DEFINITIONS[view].filters[name] === undefined;
}

/** Every condition a ticket of the list meets: the view's filters with the panel's and the search. */
export interface EffectiveFilters {
  category: Category[];
  priority: Priority[];
  status: Status[];
  assignee: AssigneeFilter[];
  waiting: WaitingOn | undefined;
  search: string;
}

export function effectiveFilters(params: TicketListParams): EffectiveFilters {
  const view = QUEUE_VIEW_DEFINITIONS[params.view].filters;
  return {
    category: params.category,
    priority: params.priority,
    status: view.status ?? params.status,
    assignee: view.assignee ?? params.assignee,
    waiting: view.waiting,
    search: params.search.trim(),
  };
}
