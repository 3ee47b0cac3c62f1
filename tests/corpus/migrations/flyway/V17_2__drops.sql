-- NOTE: statement_timeout is set by the runner; nothing to do here
DROP FUNCTION IF EXISTS accounts_touch() CASCADE;
DROP TABLE IF EXISTS legacy_plans CASCADE;
DROP TYPE IF EXISTS legacy_state_3;
DROP INDEX IF EXISTS accounts_old_idx;
DROP VIEW IF EXISTS legacy_view_8;
