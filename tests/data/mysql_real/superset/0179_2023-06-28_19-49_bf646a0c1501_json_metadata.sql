ALTER TABLE dashboards MODIFY json_metadata MEDIUMTEXT NULL;

