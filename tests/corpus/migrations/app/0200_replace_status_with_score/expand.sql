-- expand: add score next to status; both apps keep working
ALTER TABLE ledger_entries ADD COLUMN IF NOT EXISTS score text;
CREATE OR REPLACE FUNCTION ledger_entries_sync_score() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.score := COALESCE(NEW.score, NEW.status::text); -- old app writes status; copy it
    RETURN NEW;
END
$$;
CREATE TRIGGER ledger_entries_sync_score BEFORE INSERT OR UPDATE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_sync_score();
