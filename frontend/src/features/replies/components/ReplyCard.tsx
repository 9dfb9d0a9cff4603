import { useState } from 'react';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { RelativeTime } from '../../../components/RelativeTime';
import { useDeleteReply } from '../api/delete-reply';
import { useUpdateReply } from '../api/update-reply';
import type { CannedReply, ReplyViewer } from '../types';
import { ReplyForm } from './ReplyForm';

/** Its owner changes a reply; admins also change shared ones. The API refuses anyone else. */
function mayChange(reply: CannedReply, viewer: ReplyViewer): boolean {
  return reply.owner.id === viewer.id || (reply.shared && viewer.role === 'admin');
}

function usesText(uses: number): string {
  if (uses === 0) return 'Not used yet';
  return uses === 1 ? 'Used once' : `Used ${uses.toLocaleString('en')} times`;
}

/** One saved reply: its text, who owns it, how often it was used; edit and delete where allowed. */
export function ReplyCard({ reply, viewer }: { reply: CannedReply; viewer: ReplyViewer }) {
  const update = useUpdateReply(reply.id);
  const remove = useDeleteReply();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState('');
  const headingId = `reply-${reply.id}-title`;
  const owner = reply.owner.id === viewer.id ? 'you' : reply.owner.name;

  return (
    <li className="list-card" aria-labelledby={headingId}>
      <h3 id={headingId} className="list-card__title ticket-text">
        {reply.title}
      </h3>
      <p className="reply-card__facts">
        <span className="badge">{reply.shared ? 'Shared' : 'Only you'}</span>
        <span>By {owner}</span>
        <span>{usesText(reply.uses)}</span>
        <span>
          Changed <RelativeTime iso={reply.updated_at} />
        </span>
      </p>
      {editing ? (
        <ReplyForm
          id={`reply-${reply.id}-edit`}
          initial={{ title: reply.title, body: reply.body, shared: reply.shared }}
          submitLabel="Save changes"
          onSave={(changes) => update.mutateAsync(changes)}
          onSaved={() => {
            setEditing(false);
            setNotice('Saved.');
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <p className="reply-card__body ticket-text">{reply.body}</p>
      )}
      {mayChange(reply, viewer) ? (
        !editing && (
          <div className="reply-card__actions">
            <button
              type="button"
              className="button"
              onClick={() => {
                setNotice('');
                setEditing(true);
              }}
            >
              Edit <span className="visually-hidden">{reply.title}</span>
            </button>
            <ConfirmButton
              label="Delete"
              describe={reply.title}
              question={`Delete “${reply.title}”? Nobody can insert it any more.`}
              confirmLabel="Yes, delete"
              onConfirm={() => remove.mutate(reply.id)}
              disabled={remove.isPending}
            />
          </div>
        )
      ) : (
        <p className="muted reply-card__read-only">Only {reply.owner.name} or an admin can change this reply.</p>
      )}
      <ErrorAlert message={remove.error && `Not deleted: ${remove.error.message}`} />
      <p role="status" className="reply-card__notice">
        {notice}
      </p>
    </li>
  );
}
