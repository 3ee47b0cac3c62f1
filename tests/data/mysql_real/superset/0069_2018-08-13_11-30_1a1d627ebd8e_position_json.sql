ALTER TABLE dashboards MODIFY position_json MEDIUMTEXT NULL;

