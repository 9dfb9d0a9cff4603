-- Keeps ticket_counts and ticket_assignee_counts exact (ticket_counts_apply).
CREATE OR REPLACE TRIGGER ticket_counts_on_truncate
    AFTER TRUNCATE ON tickets
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_counts_apply();
