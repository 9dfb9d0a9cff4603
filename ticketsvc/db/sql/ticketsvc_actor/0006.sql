-- Who is writing, as the transaction said with set_config('ticketsvc.actor', …, true)
-- (ticketsvc/db/actor.py): {"kind", "id", "name"}. A write that does not say who makes it
-- fails, rather than leave a history entry without an actor.
CREATE OR REPLACE FUNCTION ticketsvc_actor()
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE
AS $$
DECLARE
    actor text := current_setting('ticketsvc.actor', true);
BEGIN
    IF actor IS NULL OR actor = '' THEN
        RAISE EXCEPTION 'ticketsvc.actor is not set: every change to a ticket must say who makes it'
            USING HINT = 'SELECT set_config(''ticketsvc.actor'', ''{"kind": "system", "name": "…"}'', true)'
                || ' at the start of the transaction';
    END IF;
    RETURN actor::jsonb;
END;
$$;
