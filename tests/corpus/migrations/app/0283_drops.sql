/* nested /* comment; inner */ still a comment; */
DROP TABLE IF EXISTS legacy_attachments CASCADE;
DROP TYPE IF EXISTS legacy_state_1;
DROP INDEX IF EXISTS sessions_old_idx;
DROP VIEW IF EXISTS legacy_view_6;
