ALTER TABLE clusters DROP COLUMN coordinator_host;

ALTER TABLE clusters DROP COLUMN coordinator_endpoint;

ALTER TABLE clusters DROP COLUMN coordinator_port;

