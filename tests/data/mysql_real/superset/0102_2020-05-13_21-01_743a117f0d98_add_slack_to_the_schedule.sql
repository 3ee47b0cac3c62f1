ALTER TABLE dashboard_email_schedules ADD COLUMN slack_channel TEXT;

ALTER TABLE slice_email_schedules ADD COLUMN slack_channel TEXT;

