DROP TABLE kube_worker_uuid;

DROP TABLE kube_resource_version;

