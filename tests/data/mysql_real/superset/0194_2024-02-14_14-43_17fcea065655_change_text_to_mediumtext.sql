ALTER TABLE annotation MODIFY json_metadata MEDIUMTEXT NULL;

ALTER TABLE css_templates MODIFY css MEDIUMTEXT NULL;

ALTER TABLE dashboards MODIFY css MEDIUMTEXT NULL;

ALTER TABLE keyvalue MODIFY value MEDIUMTEXT NOT NULL;

ALTER TABLE query MODIFY extra_json MEDIUMTEXT NULL;

ALTER TABLE report_execution_log MODIFY value_row_json MEDIUMTEXT NULL;

ALTER TABLE report_recipient MODIFY recipient_config_json MEDIUMTEXT NULL;

ALTER TABLE report_schedule MODIFY `sql` MEDIUMTEXT NULL;

ALTER TABLE report_schedule MODIFY last_value_row_json MEDIUMTEXT NULL;

ALTER TABLE report_schedule MODIFY validator_config_json MEDIUMTEXT NULL;

ALTER TABLE report_schedule MODIFY extra_json MEDIUMTEXT NULL;

ALTER TABLE row_level_security_filters MODIFY clause MEDIUMTEXT NOT NULL;

ALTER TABLE saved_query MODIFY `sql` MEDIUMTEXT NULL;

ALTER TABLE saved_query MODIFY extra_json MEDIUMTEXT NULL;

ALTER TABLE ssh_tunnels MODIFY extra_json MEDIUMTEXT NULL;

ALTER TABLE tab_state MODIFY extra_json MEDIUMTEXT NULL;

ALTER TABLE tab_state MODIFY `sql` MEDIUMTEXT NULL;

ALTER TABLE table_schema MODIFY extra_json MEDIUMTEXT NULL;

