ALTER TABLE alerts ADD COLUMN slack_channel TEXT;

