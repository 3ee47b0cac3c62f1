ALTER TABLE datasources ADD COLUMN cluster_id INTEGER;

UPDATE datasources SET cluster_id=(SELECT clusters.id 
FROM clusters 
WHERE datasources.cluster_name = clusters.cluster_name);

ALTER TABLE datasources DROP FOREIGN KEY datasources_ibfk_2;

ALTER TABLE datasources DROP INDEX uq_datasources_cluster_name;

ALTER TABLE datasources DROP COLUMN cluster_name;

ALTER TABLE datasources MODIFY cluster_id INTEGER NOT NULL;

ALTER TABLE datasources ADD CONSTRAINT uq_datasources_cluster_id UNIQUE (cluster_id, datasource_name);

ALTER TABLE datasources ADD CONSTRAINT fk_datasources_cluster_id_clusters FOREIGN KEY(cluster_id) REFERENCES clusters (id);

