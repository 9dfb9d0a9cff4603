-- Keeps the rollups exact: ticket_counts (stats and most list counts) and
-- ticket_assignee_counts (counts with the assignee filter; 0 stands for nobody), then bumps
-- ticket_counts_revision, which tells the per-process stats cache that the figures moved.
-- Statement-level: a COPY of 20,000 tickets costs one upsert of at most a few hundred keys,
-- not 20,000. A changed row leaves its old key (-1) and enters its new one (+1). Keys are
-- upserted in sorted order and the revision last, so concurrent writers take their locks
-- in the same order and cannot deadlock.
CREATE OR REPLACE FUNCTION ticket_counts_apply()
 RETURNS trigger
 LANGUAGE plpgsql
AS $$
BEGIN
    -- Which transition tables exist depends on the event: one branch each.
    IF TG_OP = 'INSERT' THEN
        INSERT INTO ticket_counts AS counts
        SELECT category, priority, status, classification_source, category_matches, priority_matches, sum(delta)
        FROM (
            SELECT category, priority, status, coalesce(classification_source, '') AS classification_source,
                coalesce(category = suggested_category, false) AS category_matches,
                coalesce(priority = suggested_priority, false) AS priority_matches, 1 AS delta
            FROM new_rows
        ) AS deltas
        GROUP BY category, priority, status, classification_source, category_matches, priority_matches
        HAVING sum(delta) <> 0
        ORDER BY category, priority, status, classification_source, category_matches, priority_matches
        ON CONFLICT (category, priority, status, classification_source, category_matches, priority_matches)
        DO UPDATE SET ticket_count = counts.ticket_count + excluded.ticket_count;

        INSERT INTO ticket_assignee_counts AS counts
        SELECT assignee_id, category, priority, status, sum(delta)
        FROM (
            SELECT coalesce(assignee_id, 0) AS assignee_id, category, priority, status, 1 AS delta
            FROM new_rows
        ) AS deltas
        GROUP BY assignee_id, category, priority, status
        HAVING sum(delta) <> 0
        ORDER BY assignee_id, category, priority, status
        ON CONFLICT (assignee_id, category, priority, status)
        DO UPDATE SET ticket_count = counts.ticket_count + excluded.ticket_count;
    ELSIF TG_OP = 'UPDATE' THEN
        -- A row whose key did not change sums to 0 there and writes nothing.
        INSERT INTO ticket_counts AS counts
        SELECT category, priority, status, classification_source, category_matches, priority_matches, sum(delta)
        FROM (
            SELECT category, priority, status, coalesce(classification_source, '') AS classification_source,
                coalesce(category = suggested_category, false) AS category_matches,
                coalesce(priority = suggested_priority, false) AS priority_matches, 1 AS delta
            FROM new_rows
            UNION ALL
            SELECT category, priority, status, coalesce(classification_source, '') AS classification_source,
                coalesce(category = suggested_category, false) AS category_matches,
                coalesce(priority = suggested_priority, false) AS priority_matches, -1 AS delta
            FROM old_rows
        ) AS deltas
        GROUP BY category, priority, status, classification_source, category_matches, priority_matches
        HAVING sum(delta) <> 0
        ORDER BY category, priority, status, classification_source, category_matches, priority_matches
        ON CONFLICT (category, priority, status, classification_source, category_matches, priority_matches)
        DO UPDATE SET ticket_count = counts.ticket_count + excluded.ticket_count;

        INSERT INTO ticket_assignee_counts AS counts
        SELECT assignee_id, category, priority, status, sum(delta)
        FROM (
            SELECT coalesce(assignee_id, 0) AS assignee_id, category, priority, status, 1 AS delta
            FROM new_rows
            UNION ALL
            SELECT coalesce(assignee_id, 0) AS assignee_id, category, priority, status, -1 AS delta
            FROM old_rows
        ) AS deltas
        GROUP BY assignee_id, category, priority, status
        HAVING sum(delta) <> 0
        ORDER BY assignee_id, category, priority, status
        ON CONFLICT (assignee_id, category, priority, status)
        DO UPDATE SET ticket_count = counts.ticket_count + excluded.ticket_count;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO ticket_counts AS counts
        SELECT category, priority, status, classification_source, category_matches, priority_matches, sum(delta)
        FROM (
            SELECT category, priority, status, coalesce(classification_source, '') AS classification_source,
                coalesce(category = suggested_category, false) AS category_matches,
                coalesce(priority = suggested_priority, false) AS priority_matches, -1 AS delta
            FROM old_rows
        ) AS deltas
        GROUP BY category, priority, status, classification_source, category_matches, priority_matches
        HAVING sum(delta) <> 0
        ORDER BY category, priority, status, classification_source, category_matches, priority_matches
        ON CONFLICT (category, priority, status, classification_source, category_matches, priority_matches)
        DO UPDATE SET ticket_count = counts.ticket_count + excluded.ticket_count;

        INSERT INTO ticket_assignee_counts AS counts
        SELECT assignee_id, category, priority, status, sum(delta)
        FROM (
            SELECT coalesce(assignee_id, 0) AS assignee_id, category, priority, status, -1 AS delta
            FROM old_rows
        ) AS deltas
        GROUP BY assignee_id, category, priority, status
        HAVING sum(delta) <> 0
        ORDER BY assignee_id, category, priority, status
        ON CONFLICT (assignee_id, category, priority, status)
        DO UPDATE SET ticket_count = counts.ticket_count + excluded.ticket_count;
    ELSE  -- TRUNCATE
        DELETE FROM ticket_counts;
        DELETE FROM ticket_assignee_counts;
    END IF;
    UPDATE ticket_counts_revision SET revision = revision + 1;
    RETURN NULL;
END;
$$;
