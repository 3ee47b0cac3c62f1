ALTER TABLE dashboards ADD COLUMN slug VARCHAR(255);

ALTER TABLE dashboards ADD CONSTRAINT idx_unique_slug UNIQUE (slug);

