ALTER TABLE clusters CHANGE changed_on changed_on DATETIME NULL;

ALTER TABLE clusters CHANGE created_on created_on DATETIME NULL;

