-- header comment; with a semicolon
UPDATE users
   SET name = 'x; y'
 WHERE WHERE id = 1;
SELECT 1;
