-- The new app's queries (psycopg style placeholders).

-- name: get_user
SELECT id, full_name, email FROM users WHERE id = %(id)s;

-- name: create_user
INSERT INTO users (full_name, email) VALUES (%(full_name)s, %(email)s) RETURNING id;

-- name: rename_user
UPDATE users SET full_name = %(full_name)s WHERE id = %(id)s;

-- name: orders_with_buyer
SELECT o.id, o.total, u.full_name
FROM orders o
JOIN users u ON u.id = o.user_id
ORDER BY o.created_at DESC;
