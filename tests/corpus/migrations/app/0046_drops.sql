/* block comment; with a semicolon */
DROP TABLE IF EXISTS legacy_feature_flags CASCADE;
DROP TYPE IF EXISTS legacy_state_3;
DROP INDEX IF EXISTS plans_old_idx;
DROP VIEW IF EXISTS legacy_view_2;
