-- Writes a "commented" entry for each new comment: its id and whether it is internal.
CREATE OR REPLACE FUNCTION ticket_comment_history_apply()
 RETURNS trigger
 LANGUAGE plpgsql
AS $$
DECLARE
    actor jsonb := ticketsvc_actor();
BEGIN
    INSERT INTO ticket_history (ticket_id, actor_kind, actor_id, actor_name, action, changes)
    SELECT ticket_id, actor->>'kind', (actor->>'id')::bigint, actor->>'name', 'commented',
        jsonb_build_object('comment_id', jsonb_build_array(NULL, id), 'internal', jsonb_build_array(NULL, internal))
    FROM new_rows
    ORDER BY id;
    RETURN NULL;
END;
$$;
