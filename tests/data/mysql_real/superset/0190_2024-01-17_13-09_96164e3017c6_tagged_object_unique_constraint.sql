DELETE FROM tagged_object WHERE (tagged_object.id NOT IN (SELECT min_ids.min_id 
FROM (SELECT min(tagged_object.id) AS min_id, tagged_object.tag_id AS tag_id, tagged_object.object_id AS object_id, tagged_object.object_type AS object_type 
FROM tagged_object GROUP BY tagged_object.tag_id, tagged_object.object_id, tagged_object.object_type) AS min_ids));

ALTER TABLE tagged_object ADD CONSTRAINT uix_tagged_object UNIQUE (tag_id, object_id, object_type);

