ALTER TABLE query ADD COLUMN tracking_url TEXT;

