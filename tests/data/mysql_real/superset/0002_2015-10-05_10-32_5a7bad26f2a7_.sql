ALTER TABLE dashboards ADD COLUMN css TEXT;

ALTER TABLE dashboards ADD COLUMN description TEXT;

