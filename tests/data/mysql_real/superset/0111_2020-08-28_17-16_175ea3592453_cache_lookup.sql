CREATE TABLE cache_keys (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	cache_key VARCHAR(256) NOT NULL, 
	cache_timeout INTEGER, 
	datasource_uid VARCHAR(64) NOT NULL, 
	created_on DATETIME, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_cache_keys_datasource_uid ON cache_keys (datasource_uid);

