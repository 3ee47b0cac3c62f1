ALTER TABLE dashboards ADD COLUMN certified_by TEXT;

ALTER TABLE dashboards ADD COLUMN certification_details TEXT;

