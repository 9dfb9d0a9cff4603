-- Keeps ticket_counts and ticket_assignee_counts exact (ticket_counts_apply).
CREATE OR REPLACE TRIGGER ticket_counts_on_delete
    AFTER DELETE ON tickets REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_counts_apply();
