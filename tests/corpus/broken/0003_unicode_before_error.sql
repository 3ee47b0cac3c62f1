INSERT INTO "données" (nom) VALUES ('Zoë');
UPDATE "tâches" SET "état" = 'fini; ok' WHERE WHERE id = 1;
/* trailing; */ SELECT 2;
