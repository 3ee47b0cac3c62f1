-- one migration, three phases, one file
-- expandcontract: phase expand
-- expand: add currency next to checksum; both apps keep working
ALTER TABLE sla_policies ADD COLUMN IF NOT EXISTS currency text;
CREATE OR REPLACE FUNCTION sla_policies_sync_currency() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.currency := COALESCE(NEW.currency, NEW.checksum::text); -- old app writes checksum; copy it
    RETURN NEW;
END
$$;
CREATE TRIGGER sla_policies_sync_currency BEFORE INSERT OR UPDATE ON sla_policies
    FOR EACH ROW EXECUTE FUNCTION sla_policies_sync_currency();

-- expandcontract: phase migrate
-- migrate: backfill in batches, each its own short transaction
UPDATE sla_policies SET currency = checksum::text
WHERE id IN (SELECT id FROM sla_policies WHERE currency IS NULL AND checksum IS NOT NULL LIMIT 10000);

-- expandcontract: phase contract
-- contract: the old app is gone
DROP TRIGGER IF EXISTS sla_policies_sync_currency ON sla_policies;
DROP FUNCTION IF EXISTS sla_policies_sync_currency();
ALTER TABLE sla_policies DROP COLUMN IF EXISTS checksum;
