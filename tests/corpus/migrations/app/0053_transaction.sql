BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE;
SET LOCAL lock_timeout = '5s';
ALTER TABLE refunds ADD COLUMN metadata text;
UPDATE refunds SET metadata = 'Grüße aus Köln; 東京 👋' WHERE id IN (SELECT id FROM refunds LIMIT 100);
SAVEPOINT before_comment;
COMMENT ON COLUMN refunds.metadata IS E'It\'s fine; really\n(second line)';
RELEASE SAVEPOINT before_comment;
COMMIT;
