CREATE INDEX ix_tagged_object_object_id ON tagged_object (object_id);

