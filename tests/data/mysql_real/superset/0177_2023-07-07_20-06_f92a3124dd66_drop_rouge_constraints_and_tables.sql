ALTER TABLE slices DROP FOREIGN KEY slices_ibfk_1;

DROP TABLE alert_logs;

DROP TABLE alert_owner;

DROP TABLE sql_observations;

DROP TABLE alerts;

DROP TABLE columns;

DROP TABLE metrics;

DROP TABLE druiddatasource_user;

DROP TABLE datasources;

DROP TABLE clusters;

DROP TABLE dashboard_email_schedules;

DROP TABLE slice_email_schedules;

