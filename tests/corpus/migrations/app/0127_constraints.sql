ALTER TABLE "données_clients" ADD COLUMN IF NOT EXISTS enrollments_ref integer;
ALTER TABLE "données_clients" ADD CONSTRAINT données_clients_enrollments_fk
    FOREIGN KEY (enrollments_ref) REFERENCES enrollments (id) NOT VALID;
ALTER TABLE "données_clients" VALIDATE CONSTRAINT données_clients_enrollments_fk;
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS données_clients_état_key_idx ON "données_clients" ("état");
ALTER TABLE "données_clients" ADD CONSTRAINT données_clients_état_uniq UNIQUE USING INDEX données_clients_état_key_idx;
