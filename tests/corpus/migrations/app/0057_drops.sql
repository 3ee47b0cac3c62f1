/* block comment; with a semicolon */
DROP FUNCTION IF EXISTS projects_touch() CASCADE;
DROP TABLE IF EXISTS legacy_taggings CASCADE;
DROP TYPE IF EXISTS legacy_state_9;
DROP INDEX IF EXISTS refunds_old_idx;
DROP VIEW IF EXISTS legacy_view_7;
