CREATE TABLE kube_resource_version (
	one_row_id BOOL NOT NULL DEFAULT true, 
	resource_version VARCHAR(255), 
	CONSTRAINT kube_resource_version_pkey PRIMARY KEY (one_row_id), 
	CONSTRAINT ck_kube_resource_version_kube_resource_version_one_row_id CHECK (one_row_id<>0)
);

INSERT INTO kube_resource_version (resource_version) VALUES ('');

