MERGE INTO tags AS target
USING (SELECT id, kind FROM tags ORDER BY id LIMIT 100) AS source
ON target.id = source.id
WHEN MATCHED THEN UPDATE SET kind = source.kind
WHEN NOT MATCHED THEN DO NOTHING;
