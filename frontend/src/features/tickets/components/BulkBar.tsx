import { useId, useRef, useState, type FormEvent } from 'react';
import { EnumSelect } from '../../../components/EnumSelect';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Field } from '../../../components/Field';
import { FormActions } from '../../../components/FormActions';
import { CATEGORIES, PRIORITIES, STATUSES, type Category, type Priority, type Status } from '../../../lib/enums';
import { formatCount } from '../../../lib/format';
import { CATEGORY_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../../../lib/labels';
import { splitServerErrors } from '../../../lib/server-errors';
import { isJob, useBulkChange, type BulkJobAccepted, type BulkResult, type BulkSet } from '../api/bulk-change';
import { useAssignees } from '../api/get-assignees';
import { useBulkJob, type BulkJob } from '../api/get-bulk-job';
import type { TicketSelection } from '../use-ticket-selection';
import './BulkBar.css';

interface BulkBarProps {
  selection: TicketSelection;
  /** The list's filters as the API's query string (no page, no order): what "all matching" changes. */
  filterQuery: string;
  /** How many tickets the list's filter matches; not exact when a search stopped counting. */
  matching: { count: number; exact: boolean };
}

interface Choices {
  status: Status | '';
  priority: Priority | '';
  category: Category | '';
  /** '' keeps each ticket's assignee, 'none' takes it away, else a user id. */
  assignee: string;
}

const KEEP: Choices = { status: '', priority: '', category: '', assignee: '' };

function toBulkSet(choices: Choices): BulkSet {
  const set: BulkSet = {};
  if (choices.status) set.status = choices.status;
  if (choices.priority) set.priority = choices.priority;
  if (choices.category) set.category = choices.category;
  if (choices.assignee) set.assignee_id = choices.assignee === 'none' ? null : Number(choices.assignee);
  return set;
}

/**
 * Changes the selected tickets at once: the picked rows (answered at once), or every ticket
 * matching the list's filter (a job on the server, followed here until it ends). Shown while
 * something is selected or a job runs; what happened stays said after.
 */
export function BulkBar({ selection, filterQuery, matching }: BulkBarProps) {
  const [outcome, setOutcome] = useState('');
  const [jobId, setJobId] = useState<number | null>(null);
  const job = useBulkJob(jobId);
  // Where the focus goes once the bar closes: what happened to the tickets.
  const reportRef = useRef<HTMLDivElement>(null);
  const progressId = useId();

  return (
    <div className="bulk-area">
      {(selection.allMatching || selection.selectedIds.length > 0) && (
        <BulkForm
          selection={selection}
          filterQuery={filterQuery}
          matching={matching}
          onApplying={() => {
            setOutcome('');
            setJobId(null);
          }}
          onApplied={(answer) => {
            if (isJob(answer)) setJobId(answer.job);
            else setOutcome(describeResult(answer));
            requestAnimationFrame(() => reportRef.current?.focus());
          }}
        />
      )}
      <div ref={reportRef} className="bulk-area__report" tabIndex={-1}>
        {job.data?.state === 'running' && <JobProgress job={job.data} id={progressId} />}
        <ErrorAlert
          message={job.error && `Could not follow the change: ${job.error.message} It goes on on the server; reload the list to see it.`}
        />
        <p role="status" className="bulk-area__outcome">
          {job.data && job.data.state !== 'running' ? describeJob(job.data) : outcome}
        </p>
      </div>
    </div>
  );
}

interface BulkFormProps extends BulkBarProps {
  onApplying: () => void;
  onApplied: (answer: BulkResult | BulkJobAccepted) => void;
}

/** What to set on the selection, and Apply; mounted only while something is selected, so each selection starts from "Keep". */
function BulkForm({ selection, filterQuery, matching, onApplying, onApplied }: BulkFormProps) {
  const [choices, setChoices] = useState<Choices>(KEEP);
  const [problem, setProblem] = useState('');
  const change = useBulkChange();
  const idPrefix = useId();
  const selectedCount = selection.allMatching ? matching.count : selection.selectedIds.length;
  const countWords = `${formatCount(selectedCount)}${selection.allMatching && !matching.exact ? '+' : ''} ${selectedCount === 1 ? 'ticket' : 'tickets'}`;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const set = toBulkSet(choices);
    if (Object.keys(set).length === 0) {
      setProblem('Choose a status, priority, category or assignee to set first.');
      return;
    }
    setProblem('');
    onApplying();
    const target = selection.allMatching ? { filter: filterQuery } : { ids: selection.selectedIds };
    change.mutate(
      { target, set },
      {
        onSuccess: (answer) => {
          selection.clear();
          onApplied(answer);
        },
        onError: (failure) => setProblem(`Nothing was changed: ${splitServerErrors(failure, []).summary}`),
      },
    );
  }

  return (
    <form className="bulk-bar" noValidate onSubmit={handleSubmit} aria-label="Change the selected tickets">
      <p className="bulk-bar__count">
        {selection.allMatching ? `All ${countWords} matching this filter are selected.` : `${countWords} selected.`}{' '}
        {selection.wholePage && !selection.allMatching && matching.count > selection.selectedIds.length && (
          <button type="button" className="button--link" onClick={selection.selectAllMatching}>
            Select all {formatCount(matching.count)}
            {matching.exact ? '' : '+'} tickets matching this filter
          </button>
        )}
      </p>
      <div className="bulk-bar__choices">
        <EnumSelect
          id={`${idPrefix}-status`}
          label="Status"
          values={STATUSES}
          labels={STATUS_LABELS}
          emptyLabel="Keep"
          value={choices.status}
          onChange={(status) => setChoices({ ...choices, status })}
        />
        <EnumSelect
          id={`${idPrefix}-priority`}
          label="Priority"
          values={PRIORITIES}
          labels={PRIORITY_LABELS}
          emptyLabel="Keep"
          value={choices.priority}
          onChange={(priority) => setChoices({ ...choices, priority })}
        />
        <EnumSelect
          id={`${idPrefix}-category`}
          label="Category"
          values={CATEGORIES}
          labels={CATEGORY_LABELS}
          emptyLabel="Keep"
          value={choices.category}
          onChange={(category) => setChoices({ ...choices, category })}
        />
        <AssigneeChoice id={`${idPrefix}-assignee`} value={choices.assignee} onChange={(assignee) => setChoices({ ...choices, assignee })} />
      </div>
      <FormActions submitLabel={`Apply to ${countWords}`} busy={change.isPending}>
        <button type="button" className="button" onClick={selection.clear}>
          Clear selection
        </button>
      </FormActions>
      <ErrorAlert message={problem} />
    </form>
  );
}

function AssigneeChoice({ id, value, onChange }: { id: string; value: string; onChange: (value: string) => void }) {
  const { data: assignees } = useAssignees();
  return (
    <Field id={id} label="Assignee">
      {(controlProps) => (
        <select {...controlProps} className="select" value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">Keep</option>
          <option value="none">Unassigned</option>
          {assignees?.map((person) => (
            <option key={person.id} value={String(person.id)}>
              {person.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A running job's progress: how many of the tickets it selected are changed so far. */
function JobProgress({ job, id }: { job: BulkJob; id: string }) {
  return (
    <div className="bulk-progress">
      <label htmlFor={id}>
        Changing {formatCount(job.matched)} {job.matched === 1 ? 'ticket' : 'tickets'}: {formatCount(job.changed)} changed so far…
      </label>
      <progress id={id} max={Math.max(job.matched, 1)} value={job.changed} />
    </div>
  );
}

/** "Changed 3, skipped 2 (2 already so)." */
function describeResult(result: BulkResult): string {
  const unchanged = result.skipped.filter((skip) => skip.reason === 'unchanged').length;
  const missing = result.skipped.length - unchanged;
  const reasons = [
    unchanged && `${formatCount(unchanged)} already had these values`,
    missing && `${formatCount(missing)} no longer ${missing === 1 ? 'exists' : 'exist'}`,
  ].filter(Boolean);
  const skipped = `skipped ${formatCount(result.skipped.length)}${reasons.length ? ` (${reasons.join(', ')})` : ''}`;
  return `Changed ${formatCount(result.changed)}, ${skipped}.`;
}

/** "Done: changed 44 of 45 tickets; 1 already had these values or is gone." */
function describeJob(job: BulkJob): string {
  const of = `${formatCount(job.changed)} of ${formatCount(job.matched)} ${job.matched === 1 ? 'ticket' : 'tickets'}`;
  if (job.state === 'failed') {
    return `The change stopped after ${of}; the others are as they were. Select them again to finish.`;
  }
  const untouched = Math.max(0, job.matched - job.changed);
  if (untouched === 0) return `Done: changed ${of}.`;
  return `Done: changed ${of}; ${formatCount(untouched)} already had these values or ${untouched === 1 ? 'is' : 'are'} gone.`;
}
