ALTER TABLE rendered_task_instance_fields ADD COLUMN k8s_pod_yaml JSON;

