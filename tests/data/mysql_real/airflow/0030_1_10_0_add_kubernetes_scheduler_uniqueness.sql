CREATE TABLE kube_worker_uuid (
	one_row_id BOOL NOT NULL DEFAULT true, 
	worker_uuid VARCHAR(255), 
	CONSTRAINT kube_worker_uuid_pkey PRIMARY KEY (one_row_id), 
	CONSTRAINT ck_kube_worker_uuid_kube_worker_one_row_id CHECK (one_row_id<>0)
);

INSERT INTO kube_worker_uuid (worker_uuid) VALUES ('');

