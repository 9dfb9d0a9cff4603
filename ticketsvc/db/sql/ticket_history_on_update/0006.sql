-- Every change of a ticket gets its "changed" or "reclassified" entry (ticket_history_apply).
CREATE OR REPLACE TRIGGER ticket_history_on_update
    AFTER UPDATE ON tickets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_history_apply();
