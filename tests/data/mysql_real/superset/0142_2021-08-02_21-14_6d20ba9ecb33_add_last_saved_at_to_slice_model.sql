ALTER TABLE slices ADD COLUMN last_saved_at DATETIME;

ALTER TABLE slices ADD COLUMN last_saved_by_fk INTEGER;

ALTER TABLE slices ADD CONSTRAINT slices_last_saved_by_fk FOREIGN KEY(last_saved_by_fk) REFERENCES ab_user (id);

UPDATE slices SET last_saved_at=slices.changed_on, last_saved_by_fk=slices.changed_by_fk;

