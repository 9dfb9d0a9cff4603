-- Every new comment gets its "commented" entry (ticket_comment_history_apply).
CREATE OR REPLACE TRIGGER ticket_history_on_comment
    AFTER INSERT ON ticket_comments REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_comment_history_apply();
