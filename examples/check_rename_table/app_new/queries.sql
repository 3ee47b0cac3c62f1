-- name: account_by_email
SELECT id, name FROM accounts WHERE email = :email;

-- name: add_account
INSERT INTO accounts (name, email) VALUES (:name, :email) RETURNING id;
