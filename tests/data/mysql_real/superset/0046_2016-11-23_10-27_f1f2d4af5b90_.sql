ALTER TABLE datasources ADD COLUMN filter_select_enabled BOOL;

ALTER TABLE tables ADD COLUMN filter_select_enabled BOOL;

