-- renaming breaks the old app; see the phased migrations for the safe way
ALTER TABLE "données_clients" RENAME COLUMN "état" TO expires_at;
