-- Writes a ticket's history: a "created" entry with every initial value for each new
-- ticket, and for each changed one an entry with the fields whose value changed, each
-- [from, to] ("reclassified" when the suggestion moved, else "changed"; the assignee as
-- an id); a change that changes nothing leaves no entry. The actor, with the name it had
-- then, comes from ticketsvc_actor().
CREATE OR REPLACE FUNCTION ticket_history_apply()
 RETURNS trigger
 LANGUAGE plpgsql
AS $$
DECLARE
    actor jsonb := ticketsvc_actor();
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO ticket_history (ticket_id, actor_kind, actor_id, actor_name, action, changes)
        SELECT new_rows.id, actor->>'kind', (actor->>'id')::bigint, actor->>'name', 'created',
            jsonb_build_object(
                'title', jsonb_build_array(NULL, new_rows.title),
                'description', jsonb_build_array(NULL, new_rows.description),
                'category', jsonb_build_array(NULL, new_rows.category),
                'priority', jsonb_build_array(NULL, new_rows.priority),
                'status', jsonb_build_array(NULL, new_rows.status),
                'assignee', jsonb_build_array(NULL, new_rows.assignee_id),
                'requester_name', jsonb_build_array(NULL, new_rows.requester_name),
                'requester_email', jsonb_build_array(NULL, new_rows.requester_email),
                'suggested_category', jsonb_build_array(NULL, new_rows.suggested_category),
                'suggested_priority', jsonb_build_array(NULL, new_rows.suggested_priority),
                'classification_source', jsonb_build_array(NULL, new_rows.classification_source)
            )
        FROM new_rows
        ORDER BY new_rows.id;
    ELSE
        INSERT INTO ticket_history (ticket_id, actor_kind, actor_id, actor_name, action, changes)
        SELECT id, actor->>'kind', (actor->>'id')::bigint, actor->>'name',
            CASE
                WHEN changes ?| ARRAY['suggested_category', 'suggested_priority', 'classification_source']
                THEN 'reclassified'
                ELSE 'changed'
            END,
            changes
        FROM (
            SELECT n.id, jsonb_strip_nulls(jsonb_build_object(
                'title', CASE WHEN o.title IS DISTINCT FROM n.title THEN jsonb_build_array(o.title, n.title) END,
                'description', CASE WHEN o.description IS DISTINCT FROM n.description THEN jsonb_build_array(o.description, n.description) END,
                'category', CASE WHEN o.category IS DISTINCT FROM n.category THEN jsonb_build_array(o.category, n.category) END,
                'priority', CASE WHEN o.priority IS DISTINCT FROM n.priority THEN jsonb_build_array(o.priority, n.priority) END,
                'status', CASE WHEN o.status IS DISTINCT FROM n.status THEN jsonb_build_array(o.status, n.status) END,
                'assignee', CASE WHEN o.assignee_id IS DISTINCT FROM n.assignee_id THEN jsonb_build_array(o.assignee_id, n.assignee_id) END,
                'requester_name', CASE WHEN o.requester_name IS DISTINCT FROM n.requester_name THEN jsonb_build_array(o.requester_name, n.requester_name) END,
                'requester_email', CASE WHEN o.requester_email IS DISTINCT FROM n.requester_email THEN jsonb_build_array(o.requester_email, n.requester_email) END,
                'suggested_category', CASE WHEN o.suggested_category IS DISTINCT FROM n.suggested_category THEN jsonb_build_array(o.suggested_category, n.suggested_category) END,
                'suggested_priority', CASE WHEN o.suggested_priority IS DISTINCT FROM n.suggested_priority THEN jsonb_build_array(o.suggested_priority, n.suggested_priority) END,
                'classification_source', CASE WHEN o.classification_source IS DISTINCT FROM n.classification_source THEN jsonb_build_array(o.classification_source, n.classification_source) END
            )) AS changes
            FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
        ) AS changed
        WHERE changes <> '{}'::jsonb
        ORDER BY id;
    END IF;
    RETURN NULL;
END;
$$;
