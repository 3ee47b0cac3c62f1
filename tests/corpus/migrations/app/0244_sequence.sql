CREATE SEQUENCE IF NOT EXISTS documents_starts_at_seq START WITH 1000 INCREMENT BY 1 CACHE 1;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS starts_at bigint;
ALTER TABLE documents ALTER COLUMN starts_at SET DEFAULT nextval('documents_starts_at_seq');
ALTER SEQUENCE documents_starts_at_seq OWNED BY documents.starts_at;
SELECT setval('documents_starts_at_seq', 1000, false);
