-- name: orders_with_buyer
SELECT o.id, o.total, u.name
FROM orders o
JOIN users u ON u.id = o.user_id
WHERE o.created_at > now() - interval '1 day'
ORDER BY o.created_at DESC;
