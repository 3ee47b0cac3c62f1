ALTER TABLE tab_state ADD COLUMN hide_left_bar BOOL NOT NULL DEFAULT false;

