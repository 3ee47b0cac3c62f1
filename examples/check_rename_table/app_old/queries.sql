-- name: customer_by_email
SELECT id, name FROM customers WHERE email = :email;

-- name: add_customer
INSERT INTO customers (name, email) VALUES (:name, :email) RETURNING id;

-- name: rename_customer
UPDATE customers SET name = :name WHERE id = :id;
