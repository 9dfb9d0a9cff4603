-- Every new comment moves its ticket's place in the queue (ticket_activity_apply).
CREATE OR REPLACE TRIGGER ticket_activity_on_comment
    AFTER INSERT ON ticket_comments REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_activity_apply();
