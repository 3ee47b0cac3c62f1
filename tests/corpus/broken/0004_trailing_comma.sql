CREATE TABLE t1 (
    id bigint PRIMARY KEY,
    name text,
);
CREATE INDEX CONCURRENTLY t1_name_idx ON t1 (name);
