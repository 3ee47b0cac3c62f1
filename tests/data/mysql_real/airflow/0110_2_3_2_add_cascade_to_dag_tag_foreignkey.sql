ALTER TABLE dag_tag DROP FOREIGN KEY dag_tag_dag_id_fkey;

ALTER TABLE dag_tag ADD CONSTRAINT dag_tag_dag_id_fkey FOREIGN KEY(dag_id) REFERENCES dag (dag_id) ON DELETE CASCADE;

