import { useSearchParams } from 'wouter';
import { CATEGORIES, PRIORITIES, STATUSES } from '../../lib/enums';
import { withQuery } from '../../lib/urls';
import { DEFAULT_VIEW, panelOffers, QUEUE_VIEW_DEFINITIONS } from './queue-views';
import { ASSIGNEE_FILTERS, ORDERINGS, QUEUE_VIEWS, type QueueView, type TicketListParams } from './types';

function allowedValues<Value extends string>(search: URLSearchParams, name: string, allowed: readonly Value[]): Value[] {
  // A hand-edited URL with an unknown value is ignored rather than turned into a 400.
  return search.getAll(name).filter((value): value is Value => (allowed as readonly string[]).includes(value));
}

export function parseListParams(search: URLSearchParams): TicketListParams {
  const view = QUEUE_VIEWS.find((known) => known === search.get('view')) ?? DEFAULT_VIEW;
  const ordering = search.get('ordering');
  const page = Number(search.get('page'));
  return inView(view, {
    view,
    category: allowedValues(search, 'category', CATEGORIES),
    priority: allowedValues(search, 'priority', PRIORITIES),
    status: allowedValues(search, 'status', STATUSES),
    assignee: allowedValues(search, 'assignee', ASSIGNEE_FILTERS),
    search: search.get('search') ?? '',
    ordering: ORDERINGS.find((known) => known === ordering) ?? QUEUE_VIEW_DEFINITIONS[view].ordering,
    page: Number.isInteger(page) && page > 1 ? page : 1,
  });
}

/** `params` moved to `view`: the filters the view sets itself are dropped from the panel's. */
function inView(view: QueueView, params: TicketListParams): TicketListParams {
  return {
    ...params,
    view,
    status: panelOffers(view, 'status') ? params.status : [],
    assignee: panelOffers(view, 'assignee') ? params.assignee : [],
  };
}

/** Every filter of the panel off, and no search: what "Clear filters" goes back to (the view stays). */
export const NO_FILTERS: Pick<TicketListParams, 'category' | 'priority' | 'status' | 'assignee' | 'search'> = {
  category: [],
  priority: [],
  status: [],
  assignee: [],
  search: '',
};

/** The URL query for a list: only what differs from the defaults, so links stay short. */
export function toListSearch(params: TicketListParams): URLSearchParams {
  const search = new URLSearchParams();
  if (params.view !== DEFAULT_VIEW) search.set('view', params.view);
  for (const name of ['category', 'priority', 'status', 'assignee'] as const) {
    for (const value of params[name]) search.append(name, value);
  }
  if (params.search) search.set('search', params.search);
  if (params.ordering !== QUEUE_VIEW_DEFINITIONS[params.view].ordering) search.set('ordering', params.ordering);
  if (params.page > 1) search.set('page', String(params.page));
  return search;
}

/** The address of a list: the queue's page with the list's query. */
export function hrefForList(params: TicketListParams): string {
  return withQuery('/', toListSearch(params));
}

/**
 * The same list in another view: search and the panel's filters stay where the view allows
 * them; the view's own order and the first page.
 */
export function switchView(params: TicketListParams, view: QueueView): TicketListParams {
  return inView(view, { ...params, ordering: QUEUE_VIEW_DEFINITIONS[view].ordering, page: 1 });
}

/** How many values the filter panel has chosen (the search box is shown on its own). */
export function panelFilterCount(params: TicketListParams): number {
  return params.category.length + params.priority.length + params.status.length + params.assignee.length;
}

export function hasActiveFilters(params: TicketListParams): boolean {
  return panelFilterCount(params) > 0 || params.search.trim() !== '';
}

/**
 * The list's view, filters, search, ordering and page, kept in the URL: a view can be
 * bookmarked, and back/forward step through earlier views. Changing anything but the page
 * goes back to page 1.
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
