CREATE SEQUENCE IF NOT EXISTS παραγγελίες_body_seq START WITH 1000 INCREMENT BY 1 CACHE 1;
ALTER TABLE "παραγγελίες" ADD COLUMN IF NOT EXISTS body bigint;
ALTER TABLE "παραγγελίες" ALTER COLUMN body SET DEFAULT nextval('παραγγελίες_body_seq');
ALTER SEQUENCE παραγγελίες_body_seq OWNED BY "παραγγελίες".body;
SELECT setval('παραγγελίες_body_seq', 1000, false);
