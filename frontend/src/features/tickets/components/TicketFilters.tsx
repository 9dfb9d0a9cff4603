import { EnumSelect } from '../../../components/EnumSelect';
import { CATEGORIES, PRIORITIES, STATUSES } from '../../../lib/enums';
import { CATEGORY_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../../../lib/labels';
import { ASSIGNEE_FILTERS, ORDERINGS, type AssigneeFilter, type Ordering, type TicketListParams } from '../types';
import { hasActiveFilters } from '../use-ticket-list-params';
import { FilterGroup } from './FilterGroup';
import { SearchBox } from './SearchBox';
import './TicketFilters.css';

const ORDERING_LABELS: Record<Ordering, string> = {
  '-created_at': 'Newest first',
  created_at: 'Oldest first',
  '-priority': 'Most urgent first',
  priority: 'Least urgent first',
  status: 'Status (open first)',
  '-status': 'Status (closed first)',
};

const ASSIGNEE_FILTER_LABELS: Record<AssigneeFilter, string> = {
  me: 'Mine',
  none: 'Unassigned',
};

interface TicketFiltersProps {
  params: TicketListParams;
  onChange: (changes: Partial<TicketListParams>) => void;
  onClear: () => void;
}

export function TicketFilters({ params, onChange, onClear }: TicketFiltersProps) {
  return (
    <div className="filters" role="search" aria-label="Filter tickets">
      <div className="filters__row">
        <SearchBox value={params.search} onSearch={(search) => onChange({ search })} />
        <EnumSelect
          id="ticket-ordering"
          label="Order"
          values={ORDERINGS}
          labels={ORDERING_LABELS}
          value={params.ordering}
          onChange={(ordering) => ordering && onChange({ ordering })}
        />
      </div>
      <div className="filters__row">
        <FilterGroup legend="Assignee" name="assignee" values={ASSIGNEE_FILTERS} labels={ASSIGNEE_FILTER_LABELS} selected={params.assignee} onChange={(assignee) => onChange({ assignee })} />
        <FilterGroup legend="Status" name="status" values={STATUSES} labels={STATUS_LABELS} selected={params.status} onChange={(status) => onChange({ status })} />
        <FilterGroup legend="Priority" name="priority" values={PRIORITIES} labels={PRIORITY_LABELS} selected={params.priority} onChange={(priority) => onChange({ priority })} />
        <FilterGroup legend="Category" name="category" values={CATEGORIES} labels={CATEGORY_LABELS} selected={params.category} onChange={(category) => onChange({ category })} />
      </div>
      {hasActiveFilters(params) && (
        <button type="button" className="button button--link" onClick={onClear}>
          Clear filters
        </button>
      )}
    </div>
  );
}
