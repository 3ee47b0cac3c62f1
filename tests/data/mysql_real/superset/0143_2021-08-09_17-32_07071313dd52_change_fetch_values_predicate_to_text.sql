ALTER TABLE tables MODIFY fetch_values_predicate TEXT NULL;

