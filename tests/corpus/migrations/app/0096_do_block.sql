DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'job_state_3') THEN
        EXECUTE 'CREATE TYPE job_state_3 AS ENUM (''cancelled'', ''pending'', ''archived'')';
    END IF;
END
$$;
CREATE TYPE job_state_3_v2 AS ENUM ('cancelled', 'pending', 'archived');
