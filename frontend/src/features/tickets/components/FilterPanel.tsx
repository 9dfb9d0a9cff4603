import { useId, useState } from 'react';
import { EnumSelect } from '../../../components/EnumSelect';
import { CATEGORIES, PRIORITIES, STATUSES } from '../../../lib/enums';
import { CATEGORY_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../../../lib/labels';
import { panelOffers } from '../queue-views';
import { ASSIGNEE_FILTERS, ORDERINGS, type AssigneeFilter, type Ordering, type TicketListParams } from '../types';
import { panelFilterCount } from '../use-ticket-list-params';
import { FilterGroup } from './FilterGroup';
import './FilterPanel.css';

const ORDERING_LABELS: Record<Ordering, string> = {
  '-created_at': 'Newest first',
  created_at: 'Oldest first',
  '-last_activity_at': 'Recently updated',
  last_activity_at: 'Least recently updated',
  last_customer_message_at: 'Waiting longest',
  '-last_customer_message_at': 'Customer wrote most recently',
  '-priority': 'Most urgent first',
  priority: 'Least urgent first',
  status: 'Status (open first)',
  '-status': 'Status (closed first)',
};

const ASSIGNEE_FILTER_LABELS: Record<AssigneeFilter, string> = {
  me: 'Mine',
  none: 'Unassigned',
};

interface FilterPanelProps {
  params: TicketListParams;
  onChange: (changes: Partial<TicketListParams>) => void;
  onClear: () => void;
}

/**
 * The list's filters and order, folded behind a button that says how many are on; the filters
 * a view sets itself (Mine: assignee and status) are not offered while it is open.
 */
export function FilterPanel({ params, onChange, onClear }: FilterPanelProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const chosen = panelFilterCount(params);
  return (
    <>
      <button
        type="button"
        className="button filter-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={chosen > 0 ? `Filters, ${chosen} on` : 'Filters'}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">{open ? '▴' : '▾'}</span>
        Filters
        {chosen > 0 && <span className="badge filter-toggle__count">{chosen}</span>}
      </button>
      <div id={panelId} className="filter-panel" role="group" aria-label="Filters and order" hidden={!open}>
        <div className="filter-panel__groups">
          {panelOffers(params.view, 'assignee') && (
            <FilterGroup legend="Assignee" name="assignee" values={ASSIGNEE_FILTERS} labels={ASSIGNEE_FILTER_LABELS} selected={params.assignee} onChange={(assignee) => onChange({ assignee })} />
          )}
          {panelOffers(params.view, 'status') && (
            <FilterGroup legend="Status" name="status" values={STATUSES} labels={STATUS_LABELS} selected={params.status} onChange={(status) => onChange({ status })} />
          )}
          <FilterGroup legend="Priority" name="priority" values={PRIORITIES} labels={PRIORITY_LABELS} selected={params.priority} onChange={(priority) => onChange({ priority })} />
          <FilterGroup legend="Category" name="category" values={CATEGORIES} labels={CATEGORY_LABELS} selected={params.category} onChange={(category) => onChange({ category })} />
        </div>
        <div className="filter-panel__footer">
          <EnumSelect
            id="ticket-ordering"
            label="Order"
            values={ORDERINGS}
            labels={ORDERING_LABELS}
            value={params.ordering}
            onChange={(ordering) => ordering && onChange({ ordering })}
          />
          {chosen > 0 && (
            <button type="button" className="button button--link" onClick={onClear}>
              Clear filters
            </button>
          )}
        </div>
      </div>
    </>
  );
}
