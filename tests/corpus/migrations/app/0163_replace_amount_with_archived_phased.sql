-- one migration, three phases, one file
-- expandcontract: phase expand
-- expand: add archived next to amount; both apps keep working
ALTER TABLE comments ADD COLUMN IF NOT EXISTS archived text;
CREATE OR REPLACE FUNCTION comments_sync_archived() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.archived := COALESCE(NEW.archived, NEW.amount::text); -- old app writes amount; copy it
    RETURN NEW;
END
$$;
CREATE TRIGGER comments_sync_archived BEFORE INSERT OR UPDATE ON comments
    FOR EACH ROW EXECUTE FUNCTION comments_sync_archived();

-- expandcontract: phase migrate
-- migrate: backfill in batches, each its own short transaction
UPDATE comments SET archived = amount::text
WHERE id IN (SELECT id FROM comments WHERE archived IS NULL AND amount IS NOT NULL LIMIT 10000);

-- expandcontract: phase contract
-- contract: the old app is gone
DROP TRIGGER IF EXISTS comments_sync_archived ON comments;
DROP FUNCTION IF EXISTS comments_sync_archived();
ALTER TABLE comments DROP COLUMN IF EXISTS amount;
