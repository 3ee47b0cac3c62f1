-- keep this idempotent; it runs on every deploy
ALTER TABLE accounts ADD COLUMN phone double precision;
ALTER TABLE accounts ADD COLUMN label text;
ALTER TABLE accounts
    ADD COLUMN status text,
    ADD COLUMN status_at timestamptz;
