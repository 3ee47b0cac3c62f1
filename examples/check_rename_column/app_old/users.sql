-- The old app's queries (asyncpg style placeholders).

-- name: get_user
SELECT id, name, email FROM users WHERE id = $1;

-- name: create_user
INSERT INTO users (name, email) VALUES ($1, $2) RETURNING id;

-- name: rename_user
UPDATE users SET name = $2 WHERE id = $1;
