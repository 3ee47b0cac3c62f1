ALTER TABLE connection MODIFY description TEXT(5000) NULL;

