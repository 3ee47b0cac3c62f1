ALTER TABLE dag_run ADD COLUMN data_interval_start TIMESTAMP(6) NULL;

ALTER TABLE dag_run ADD COLUMN data_interval_end TIMESTAMP(6) NULL;

ALTER TABLE dag ADD COLUMN next_dagrun_data_interval_start TIMESTAMP(6) NULL;

ALTER TABLE dag ADD COLUMN next_dagrun_data_interval_end TIMESTAMP(6) NULL;

