ALTER TABLE connection ADD COLUMN description TEXT(5000);

