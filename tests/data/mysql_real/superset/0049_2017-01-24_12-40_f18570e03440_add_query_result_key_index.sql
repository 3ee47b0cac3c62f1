CREATE INDEX ix_query_results_key ON query (results_key);

