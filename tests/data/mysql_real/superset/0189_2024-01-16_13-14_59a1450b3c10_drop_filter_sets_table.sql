DROP TABLE filter_sets;

