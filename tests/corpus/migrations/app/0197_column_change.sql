-- renaming breaks the old app; see the phased migrations for the safe way
ALTER TABLE notifications RENAME COLUMN slug TO visibility;
