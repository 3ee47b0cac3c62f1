CREATE INDEX sm_dag ON sla_miss (dag_id);

