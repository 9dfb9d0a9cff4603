-- Keeps ticket_counts and ticket_assignee_counts exact (ticket_counts_apply).
CREATE OR REPLACE TRIGGER ticket_counts_on_update
    AFTER UPDATE ON tickets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_counts_apply();
