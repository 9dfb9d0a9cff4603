-- Moves each commented ticket's place in the queue and makes its words searchable. The
-- instants PostgreSQL computes the queue's fields from (last_activity_at,
-- last_customer_message_at, waiting_on): any comment sets last_comment_at, a customer's
-- public one last_customer_comment_at, an agent's public reply last_agent_reply_at, each
-- to the comment's created_at. The comment's words join conversation_vector, which the
-- generated search_vector holds with the ticket's own (internal notes too: only agents
-- search). It leaves updated_at (the ETag) alone. Updating the ticket row fires its own
-- triggers: a ticket whose waiting_on moves moves in the rollups (ticket_counts_apply);
-- history records nothing (no field a client sees changed).
CREATE OR REPLACE FUNCTION ticket_activity_apply()
 RETURNS trigger
 LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE tickets
    SET last_comment_at = greatest(tickets.last_comment_at, commented.last_comment_at),
        last_customer_comment_at = greatest(tickets.last_customer_comment_at, commented.last_customer_comment_at),
        last_agent_reply_at = greatest(tickets.last_agent_reply_at, commented.last_agent_reply_at),
        conversation_vector = coalesce(tickets.conversation_vector, ''::tsvector) || commented.words
    FROM (
        SELECT ticket_id,
            max(created_at) AS last_comment_at,
            max(created_at) FILTER (WHERE author_kind = 'customer' AND NOT internal) AS last_customer_comment_at,
            max(created_at) FILTER (WHERE author_kind = 'agent' AND NOT internal) AS last_agent_reply_at,
            strip(to_tsvector('simple'::regconfig, string_agg(body, ' '))) AS words
        FROM new_rows
        GROUP BY ticket_id
    ) AS commented
    WHERE tickets.id = commented.ticket_id;
    RETURN NULL;
END;
$$;
