ALTER TABLE dbs CHANGE allow_csv_upload allow_file_upload BOOL NULL;

