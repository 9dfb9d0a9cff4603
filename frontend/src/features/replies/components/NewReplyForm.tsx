import { useState } from 'react';
import { useCreateReply } from '../api/create-reply';
import type { NewReply } from '../types';
import { ReplyForm } from './ReplyForm';

const EMPTY: NewReply = { title: '', body: '', shared: false };

/** Writes a new canned reply, personal unless shared. */
export function NewReplyForm() {
  const create = useCreateReply();
  const [notice, setNotice] = useState('');
  // A new form (the key) after each save starts empty again.
  const [formKey, setFormKey] = useState(0);

  return (
    <section className="card" aria-labelledby="new-reply-heading">
      <h2 id="new-reply-heading">New reply</h2>
      <ReplyForm
        key={formKey}
        id="new-reply"
        initial={EMPTY}
        submitLabel="Save reply"
        onSave={(reply) => {
          setNotice('');
          return create.mutateAsync(reply);
        }}
        onSaved={(reply) => {
          setFormKey(formKey + 1);
          setNotice(`“${reply.title}” saved.`);
        }}
      />
      <p role="status" className="form-actions__status">
        {notice}
      </p>
    </section>
  );
}
