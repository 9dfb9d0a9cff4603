-- Every new ticket gets its "created" entry (ticket_history_apply).
CREATE OR REPLACE TRIGGER ticket_history_on_insert
    AFTER INSERT ON tickets REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_history_apply();
