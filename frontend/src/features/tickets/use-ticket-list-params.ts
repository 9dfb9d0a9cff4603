import { useSearchParams } from 'wouter';
import { CATEGORIES, PRIORITIES, STATUSES } from '../../lib/enums';
import { ASSIGNEE_FILTERS, DEFAULT_ORDERING, ORDERINGS, type TicketListParams } from './types';

function allowedValues<Value extends string>(search: URLSearchParams, name: string, allowed: readonly Value[]): Value[] {
  // A hand-edited URL with an unknown value is ignored rather than turned into a 400.
  return search.getAll(name).filter((value): value is Value => (allowed as readonly string[]).includes(value));
}

export function parseListParams(search: URLSearchParams): TicketListParams {
  const ordering = search.get('ordering');
  const page = Number(search.get('page'));
  return {
    category: allowedValues(search, 'category', CATEGORIES),
    priority: allowedValues(search, 'priority', PRIORITIES),
    status: allowedValues(search, 'status', STATUSES),
    assignee: allowedValues(search, 'assignee', ASSIGNEE_FILTERS),
    search: search.get('search') ?? '',
    ordering: ORDERINGS.find((known) => known === ordering) ?? DEFAULT_ORDERING,
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** Every filter off: what "Clear filters" goes back to. */
export const NO_FILTERS: Pick<TicketListParams, 'category' | 'priority' | 'status' | 'assignee' | 'search'> = {
  category: [],
  priority: [],
  status: [],
  assignee: [],
  search: '',
};

/** The URL query for a view: only what differs from the defaults, so links stay short. */
export function toListSearch(params: TicketListParams): URLSearchParams {
  const search = new URLSearchParams();
  for (const name of ['category', 'priority', 'status', 'assignee'] as const) {
    for (const value of params[name]) search.append(name, value);
  }
  if (params.search) search.set('search', params.search);
  if (params.ordering !== DEFAULT_ORDERING) search.set('ordering', params.ordering);
  if (params.page > 1) search.set('page', String(params.page));
  return search;
}

export function hasActiveFilters(params: TicketListParams): boolean {
  const chosen = params.category.length + params.priority.length + params.status.length + params.assignee.length;
  return chosen > 0 || params.search.trim() !== '';
}

/**
 * The list's filters, search, ordering and page, kept in the URL: a view can be bookmarked,
 * and back/forward step through earlier views. Changing anything but the page goes back to page 1.
 */
export function useTicketListParams() {
  const [searchParams, setSearchParams] = useSearchParams();
  const params = parseListParams(searchParams);

  function updateParams(changes: Partial<TicketListParams>) {
    setSearchParams((current) => {
      const next = { ...parseListParams(current), page: 1, ...changes };
      return toListSearch(next);
    });
  }

  return { params, updateParams };
}
