-- expand: add timezone next to expires_at; both apps keep working
ALTER TABLE badges ADD COLUMN IF NOT EXISTS timezone text;
CREATE OR REPLACE FUNCTION badges_sync_timezone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.timezone := COALESCE(NEW.timezone, NEW.expires_at::text); -- old app writes expires_at; copy it
    RETURN NEW;
END
$$;
CREATE TRIGGER badges_sync_timezone BEFORE INSERT OR UPDATE ON badges
    FOR EACH ROW EXECUTE FUNCTION badges_sync_timezone();
