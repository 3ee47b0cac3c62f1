-- starts with a byte order mark
ALTER TABLE bookings_4 ADD COLUMN due_on integer;
