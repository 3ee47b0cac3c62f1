DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'review_state_5') THEN
        EXECUTE 'CREATE TYPE review_state_5 AS ENUM (''paused'', ''pending'')';
    END IF;
END
$$;
CREATE TYPE review_state_5_v2 AS ENUM ('paused', 'pending');
