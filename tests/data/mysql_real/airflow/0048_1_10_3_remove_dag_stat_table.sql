DROP TABLE dag_stats;

