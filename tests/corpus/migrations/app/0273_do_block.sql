DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'ticket_state_8') THEN
        EXECUTE 'CREATE TYPE ticket_state_8 AS ENUM (''active'', ''draft'', ''failed'', ''done'', ''cancelled'')';
    END IF;
END
$$;
CREATE TYPE ticket_state_8_v2 AS ENUM ('active', 'draft', 'failed', 'done', 'cancelled');
