CREATE TABLE user_favorite_tag (
	user_id INTEGER NOT NULL, 
	tag_id INTEGER NOT NULL, 
	FOREIGN KEY(tag_id) REFERENCES tag (id), 
	FOREIGN KEY(user_id) REFERENCES ab_user (id)
);

