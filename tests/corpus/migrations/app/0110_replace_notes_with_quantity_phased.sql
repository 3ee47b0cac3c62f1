-- one migration, three phases, one file
-- expandcontract: phase expand
-- expand: add quantity next to notes; both apps keep working
ALTER TABLE answers ADD COLUMN IF NOT EXISTS quantity text;
CREATE OR REPLACE FUNCTION answers_sync_quantity() RETURNS trigger LANGUAGE plpgsql AS $sync$
BEGIN
    NEW.quantity := COALESCE(NEW.quantity, NEW.notes::text); -- old app writes notes; copy it
    RETURN NEW;
END
$sync$;
CREATE TRIGGER answers_sync_quantity BEFORE INSERT OR UPDATE ON answers
    FOR EACH ROW EXECUTE FUNCTION answers_sync_quantity();

-- expandcontract: phase migrate
-- migrate: backfill in batches, each its own short transaction
UPDATE answers SET quantity = notes::text
WHERE id IN (SELECT id FROM answers WHERE quantity IS NULL AND notes IS NOT NULL LIMIT 10000);
UPDATE answers SET quantity = notes::text
WHERE id IN (SELECT id FROM answers WHERE quantity IS NULL AND notes IS NOT NULL LIMIT 10000);

-- expandcontract: phase contract
-- contract: the old app is gone
DROP TRIGGER IF EXISTS answers_sync_quantity ON answers;
DROP FUNCTION IF EXISTS answers_sync_quantity();
ALTER TABLE answers DROP COLUMN IF EXISTS notes;
