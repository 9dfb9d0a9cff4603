import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { Link } from 'wouter';
import { useReplies } from '../api/get-replies';
import { fillPlaceholders, type AnsweredTicket } from '../placeholders';
import type { CannedReply } from '../types';
import './ReplyPicker.css';
import { RetryAlert } from '../../../components/RetryAlert';

interface ReplyPickerProps {
  ticket: AnsweredTicket;
  /** Who is answering: {{agent.name}}. */
  agentName: string;
  /** Called with the chosen reply's text, its placeholders filled in for this ticket. */
  onChoose: (text: string) => void;
  /** Called when the list closes by Escape without a choice: the focus goes back to the message. */
  onDismiss: () => void;
}

/**
 * "Insert reply": a button opening a searchable list of the canned replies (the ARIA
 * combobox pattern: the focus stays in the search box, ↑ ↓ move through the list, Enter
 * chooses, Escape closes), so an agent answers without leaving the keyboard.
 */
export function ReplyPicker({ ticket, agentName, onChoose, onDismiss }: ReplyPickerProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();

  // Tabbing or clicking away closes the list, leaving the focus where it went.
  function closeWhenFocusLeaves(event: FocusEvent<HTMLDivElement>) {
    if (!event.currentTarget.contains(event.relatedTarget)) setOpen(false);
  }

  return (
    <div className="reply-picker" onBlur={closeWhenFocusLeaves}>
      <button type="button" className="button" aria-expanded={open} aria-controls={open ? panelId : undefined} onClick={() => setOpen(!open)}>
        Insert reply
      </button>
      {open && (
        <ReplyFinder
          id={panelId}
          onChoose={(reply) => {
            setOpen(false);
            onChoose(fillPlaceholders(reply.body, ticket, agentName));
          }}
          onDismiss={() => {
            setOpen(false);
            onDismiss();
          }}
        />
      )}
    </div>
  );
}

interface ReplyFinderProps {
  id: string;
  onChoose: (reply: CannedReply) => void;
  onDismiss: () => void;
}

function ReplyFinder({ id, onChoose, onDismiss }: ReplyFinderProps) {
  const { data: replies, error, isPending, refetch } = useReplies();
  const [query, setQuery] = useState('');
  const [activeIndex, setActiveIndex] = useState(0);
  const inputId = `${id}-search`;
  const listboxId = `${id}-replies`;
  const optionId = (reply: CannedReply) => `${id}-reply-${reply.id}`;

  const listRef = useRef<HTMLUListElement>(null);
  const matches = replies ? matching(replies, query) : [];
  const active = matches[Math.min(activeIndex, matches.length - 1)];

  // The focus stays in the search box, so the browser does not scroll to the active option itself.
  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (matches.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const current = active ? matches.indexOf(active) : 0;
      setActiveIndex((current + step + matches.length) % matches.length);
    } else if (event.key === 'Enter') {
      // Never the reply box's submit: Enter here chooses, or does nothing.
      event.preventDefault();
      if (active) onChoose(active);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onDismiss();
    }
  }

  return (
    <div id={id} className="reply-picker__panel">
      <label htmlFor={inputId} className="field__label">
        Find a saved reply
      </label>
      <input
        id={inputId}
        className="input"
        type="text"
        role="combobox"
        autoComplete="off"
        autoFocus
        aria-autocomplete="list"
        aria-expanded={matches.length > 0}
        aria-controls={listboxId}
        aria-activedescendant={active ? optionId(active) : undefined}
        aria-describedby={`${id}-hint`}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActiveIndex(0);
        }}
        onKeyDown={handleKeyDown}
      />
      <p id={`${id}-hint`} className="field__hint">
        Type to filter by title or text; ↑ ↓ to move, Enter to insert, Escape to close.
      </p>
      <ul ref={listRef} id={listboxId} role="listbox" aria-label="Saved replies" className="reply-picker__list">
        {matches.map((reply) => (
          <li
            key={reply.id}
            id={optionId(reply)}
            role="option"
            aria-selected={reply === active}
            className={reply === active ? 'reply-picker__option reply-picker__option--active' : 'reply-picker__option'}
            // Keep the focus in the search box, as the keyboard path does.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onChoose(reply)}
          >
            <span className="reply-picker__title">{reply.title}</span>
            <span className="reply-picker__preview">{reply.body}</span>
          </li>
        ))}
      </ul>
      <FinderStatus replies={replies} matchCount={matches.length} query={query} isPending={isPending} />
      {error && <RetryAlert message={`Could not load the saved replies: ${error.message}`} onRetry={() => void refetch()} />}
    </div>
  );
}

interface FinderStatusProps {
  replies: CannedReply[] | undefined;
  matchCount: number;
  query: string;
  isPending: boolean;
}

/** Read out as it changes: loading, how many match, or why the list is empty. */
function FinderStatus({ replies, matchCount, query, isPending }: FinderStatusProps) {
  let message = '';
  if (isPending) message = 'Loading saved replies…';
  else if (replies && replies.length > 0) {
    message = matchCount === 0 ? `No saved reply matches “${query.trim()}”.` : `${matchCount} ${matchCount === 1 ? 'reply' : 'replies'}`;
  }
  return (
    <>
      <p role="status" className="reply-picker__status">
        {message}
      </p>
      {replies && replies.length === 0 && (
        <p className="reply-picker__empty">
          You have no saved replies yet. <Link href="/replies">Write one on the Replies page</Link>.
        </p>
      )}
    </>
  );
}

/** The replies holding every word of the query in their title or text, in the server's order. */
function matching(replies: CannedReply[], query: string): CannedReply[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return replies.filter((reply) => {
    const text = `${reply.title}\n${reply.body}`.toLocaleLowerCase();
    return words.every((word) => text.includes(word));
  });
}
