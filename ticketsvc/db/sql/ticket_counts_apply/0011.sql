-- Keeps the rollups exact: ticket_counts (stats and most list counts) and
-- ticket_assignee_counts (counts with the assignee filter; 0 stands for nobody), each keyed
-- by whom the tickets wait on too ('' for nobody) since 0011, then bumps
-- ticket_counts_revision, which tells the per-process stats cache that the figures moved.
-- Statement-level: a COPY of 20,000 tickets costs one upsert of at most a few hundred keys,
-- not 20,000. A changed row leaves its old key (-1) and enters its new one (+1). Keys are
-- upserted in sorted order and the revision last, so concurrent writers take their locks
-- in the same order and cannot deadlock.
-- The revision moves only when a count did (or a first ticket's day may have): a comment,
-- or a change of title, takes no lock on that one row every ticket write shares.
CREATE OR REPLACE FUNCTION ticket_counts_apply()
 RETURNS trigger
 LANGUAGE plpgsql
AS $$
DECLARE
    moved bigint := 0;
    upserted bigint;
BEGIN
    -- Which transition tables exist depends on the event: one branch each.
    IF TG_OP = 'INSERT' THEN
        INSERT INTO ticket_counts AS counts (category, priority, status, classification_source, category_matches, priority_matches, waiting_on, ticket_count)
        SELECT category, priority, status, classification_source, category_matches, priority_matches, waiting_on, sum(delta)
        FROM (
            SELECT category, priority, status, coalesce(classification_source, '') AS classification_source,
                coalesce(category = suggested_category, false) AS category_matches,
                coalesce(priority = suggested_priority, false) AS priority_matches,
                coalesce(waiting_on, '') AS waiting_on, 1 AS delta
            FROM new_rows
        ) AS deltas
        GROUP BY category, priority, status, classification_source, category_matches, priority_matches, waiting_on
        HAVING sum(delta) <> 0
        ORDER BY category, priority, status, classification_source, category_matches, priority_matches, waiting_on
        ON CONFLICT (category, priority, status, classification_source, category_matches, priority_matches, waiting_on)
        DO UPDATE SET ticket_count = counts.ticket_count + excluded.ticket_count;
        GET DIAGNOSTICS upserted = ROW_COUNT;
        moved := moved + upserted;

        INSERT INTO ticket_assignee_counts AS counts (assignee_id, category, priority, status, waiting_on, ticket_count)
        SELECT assignee_id, category, priority, status, waiting_on, sum(delta)
        FROM (
            SELECT coalesce(assignee_id, 0) AS assignee_id, category, priority, status,
                coalesce(waiting_on, '') AS waiting_on, 1 AS delta
            FROM new_rows
        ) AS deltas
        GROUP BY assignee_id, category, priority, status, waiting_on
        HAVING sum(delta) <> 0
        ORDER BY assignee_id, category, priority, status, waiting_on
        ON CONFLICT (assignee_id, category, priority, status, waiting_on)
        DO UPDATE SET ticket_count = counts.ticket_count + excluded.ticket_count;
        GET DIAGNOSTICS upserted = ROW_COUNT;
        moved := moved + upserted;

    ELSIF TG_OP = 'UPDATE' THEN
        -- A row whose key did not change sums to 0 there and writes nothing.
        INSERT INTO ticket_counts AS counts (category, priority, status, classification_source, category_matches, priority_matches, waiting_on, ticket_count)
        SELECT category, priority, status, classification_source, category_matches, priority_matches, waiting_on, sum(delta)
        FROM (
            SELECT category, priority, status, coalesce(classification_source, '') AS classification_source,
                coalesce(category = suggested_category, false) AS category_matches,
                coalesce(priority = suggested_priority, false) AS priority_matches,
                coalesce(waiting_on, '') AS waiting_on, 1 AS delta
            FROM new_rows
            UNION ALL
            SELECT category, priority, status, coalesce(classification_source, '') AS classification_source,
                coalesce(category = suggested_category, false) AS category_matches,
                coalesce(priority = suggested_priority, false) AS priority_matches,
                coalesce(waiting_on, '') AS waiting_on, -1 AS delta
            FROM old_rows
        ) AS deltas
        GROUP BY category, priority, status, classification_source, category_matches, priority_matches, waiting_on
        HAVING sum(delta) <> 0
        ORDER BY category, priority, status, classification_source, category_matches, priority_matches, waiting_on
        ON CONFLICT (category, priority, status, classification_source, category_matches, priority_matches, waiting_on)
        DO UPDATE SET ticket_count = counts.ticket_count + excluded.ticket_count;
        GET DIAGNOSTICS upserted = ROW_COUNT;
        moved := moved + upserted;

        INSERT INTO ticket_assignee_counts AS counts (assignee_id, category, priority, status, waiting_on, ticket_count)
        SELECT assignee_id, category, priority, status, waiting_on, sum(delta)
        FROM (
            SELECT coalesce(assignee_id, 0) AS assignee_id, category, priority, status,
                coalesce(waiting_on, '') AS waiting_on, 1 AS delta
            FROM new_rows
            UNION ALL
            SELECT coalesce(assignee_id, 0) AS assignee_id, category, priority, status,
                coalesce(waiting_on, '') AS waiting_on, -1 AS delta
            FROM old_rows
        ) AS deltas
        GROUP BY assignee_id, category, priority, status, waiting_on
        HAVING sum(delta) <> 0
        ORDER BY assignee_id, category, priority, status, waiting_on
        ON CONFLICT (assignee_id, category, priority, status, waiting_on)
        DO UPDATE SET ticket_count = counts.ticket_count + excluded.ticket_count;
        GET DIAGNOSTICS upserted = ROW_COUNT;
        moved := moved + upserted;

        -- The stats' days count from the first ticket's creation.
        IF moved = 0 AND EXISTS (
            SELECT FROM old_rows JOIN new_rows ON new_rows.id = old_rows.id
            WHERE new_rows.created_at <> old_rows.created_at
        ) THEN
            moved := 1;
        END IF;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO ticket_counts AS counts (category, priority, status, classification_source, category_matches, priority_matches, waiting_on, ticket_count)
        SELECT category, priority, status, classification_source, category_matches, priority_matches, waiting_on, sum(delta)
        FROM (
            SELECT category, priority, status, coalesce(classification_source, '') AS classification_source,
                coalesce(category = suggested_category, false) AS category_matches,
                coalesce(priority = suggested_priority, false) AS priority_matches,
                coalesce(waiting_on, '') AS waiting_on, -1 AS delta
            FROM old_rows
        ) AS deltas
        GROUP BY category, priority, status, classification_source, category_matches, priority_matches, waiting_on
        HAVING sum(delta) <> 0
        ORDER BY category, priority, status, classification_source, category_matches, priority_matches, waiting_on
        ON CONFLICT (category, priority, status, classification_source, category_matches, priority_matches, waiting_on)
        DO UPDATE SET ticket_count = counts.ticket_count + excluded.ticket_count;
        GET DIAGNOSTICS upserted = ROW_COUNT;
        moved := moved + upserted;

        INSERT INTO ticket_assignee_counts AS counts (assignee_id, category, priority, status, waiting_on, ticket_count)
        SELECT assignee_id, category, priority, status, waiting_on, sum(delta)
        FROM (
            SELECT coalesce(assignee_id, 0) AS assignee_id, category, priority, status,
                coalesce(waiting_on, '') AS waiting_on, -1 AS delta
            FROM old_rows
        ) AS deltas
        GROUP BY assignee_id, category, priority, status, waiting_on
        HAVING sum(delta) <> 0
        ORDER BY assignee_id, category, priority, status, waiting_on
        ON CONFLICT (assignee_id, category, priority, status, waiting_on)
        DO UPDATE SET ticket_count = counts.ticket_count + excluded.ticket_count;
        GET DIAGNOSTICS upserted = ROW_COUNT;
        moved := moved + upserted;

    ELSE  -- TRUNCATE
        DELETE FROM ticket_counts;
        DELETE FROM ticket_assignee_counts;
        moved := 1;
    END IF;
    IF moved > 0 THEN
        UPDATE ticket_counts_revision SET revision = revision + 1;
    END IF;
    RETURN NULL;
END;
$$;
