ALTER TABLE dag ADD COLUMN timetable_description VARCHAR(1000);

