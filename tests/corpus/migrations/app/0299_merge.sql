MERGE INTO messages_v51 AS target
USING (SELECT id, account_id FROM messages_v51 ORDER BY id LIMIT 100) AS source
ON target.id = source.id
WHEN MATCHED THEN UPDATE SET account_id = source.account_id
WHEN NOT MATCHED THEN DO NOTHING;
