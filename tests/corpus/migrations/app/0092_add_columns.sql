-- ünïcödé comment — “quoted”; fine
ALTER TABLE bookings_4 ADD COLUMN IF NOT EXISTS label date NOT NULL DEFAULT CURRENT_DATE;
ALTER TABLE bookings_4 ADD COLUMN IF NOT EXISTS source date NOT NULL DEFAULT CURRENT_DATE;
ALTER TABLE bookings_4
    ADD COLUMN weight text,
    ADD COLUMN weight_at timestamptz;
