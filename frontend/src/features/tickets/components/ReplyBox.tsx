import { useId, useLayoutEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Field } from '../../../components/Field';
import { FormActions } from '../../../components/FormActions';
import { splitServerErrors } from '../../../lib/server-errors';
import { useCreateComment } from '../api/create-comment';
import { validateCommentBody } from '../validation';
import './ReplyBox.css';

/** What a tool beside the message (the app adds the canned-reply picker) may do with it. */
export interface MessageControls {
  /** Puts text at the cursor (over a selection; at the end if the box was never focused), then focuses the box after it. */
  insert: (text: string) => void;
  /** Gives the focus back to the message, its cursor where it was. */
  focus: () => void;
}

export type MessageTools = (controls: MessageControls) => ReactNode;

interface ReplyBoxProps {
  ticketId: number;
  tools?: MessageTools;
}

/** An agent's reply to the customer, or, with the switch on, a note only agents see. */
export function ReplyBox({ ticketId, tools }: ReplyBoxProps) {
  const [body, setBody] = useState('');
  const messageRef = useRef<HTMLTextAreaElement>(null);
  // Where the cursor goes once inserted text is in the box (it is there after the next render).
  const cursorAfterInsert = useRef<number | null>(null);
  const [internal, setInternal] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState('');
  const createComment = useCreateComment(ticketId);
  const switchId = useId();

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setNotice('');
    const clientError = validateCommentBody(body);
    setError(clientError);
    if (clientError) return;
    createComment.mutate(
      { body: body.trim(), internal },
      {
        onSuccess: () => {
          setBody('');
          setNotice(internal ? 'Internal note added.' : 'Reply sent to the customer.');
        },
        onError: (failure) => setError(splitServerErrors(failure, ['body'] as const).fieldMessages.body),
      },
    );
  }

  useLayoutEffect(() => {
    const message = messageRef.current;
    if (cursorAfterInsert.current === null || !message) return;
    message.focus();
    message.setSelectionRange(cursorAfterInsert.current, cursorAfterInsert.current);
    cursorAfterInsert.current = null;
  }, [body]);

  const controls: MessageControls = {
    insert: (text) => {
      const message = messageRef.current;
      const start = message?.selectionStart ?? body.length;
      const end = message?.selectionEnd ?? body.length;
      cursorAfterInsert.current = start + text.length;
      setBody(body.slice(0, start) + text + body.slice(end));
    },
    focus: () => messageRef.current?.focus(),
  };

  const serverSummary = createComment.error ? splitServerErrors(createComment.error, ['body'] as const).summary : '';
  return (
    <form
      className={internal ? 'reply-box reply-box--internal' : 'reply-box'}
      noValidate
      onSubmit={handleSubmit}
      aria-labelledby="reply-heading"
    >
      <h3 id="reply-heading">{internal ? 'Add an internal note' : 'Reply to the customer'}</h3>
      <div className="checkbox-field">
        <input id={switchId} type="checkbox" checked={internal} onChange={(event) => setInternal(event.target.checked)} />
        <label htmlFor={switchId}>Internal note (only agents see it)</label>
      </div>
      {/* eslint-disable-next-line react-hooks/refs -- the controls touch the textarea only when a tool calls them, from its event handlers */}
      {tools?.(controls)}
      <Field
        id={`reply-body-${ticketId}`}
        label="Message"
        error={error}
        hint={
          <span className="reply-box__audience">
            {internal ? (
              <>
                <span aria-hidden="true">🔒 </span>Only agents will see this note.
              </>
            ) : (
              'The customer will see this reply on their private link.'
            )}
          </span>
        }
      >
        {(controlProps) => (
          <textarea {...controlProps} ref={messageRef} className="textarea" rows={4} value={body} onChange={(event) => setBody(event.target.value)} />
        )}
      </Field>
      <ErrorAlert message={createComment.error && `Not sent: ${serverSummary}`} />
      <FormActions submitLabel={internal ? 'Add internal note' : 'Send reply'} busy={createComment.isPending} status={notice} />
    </form>
  );
}
