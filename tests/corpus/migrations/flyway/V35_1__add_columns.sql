/* nested /* comment; inner */ still a comment; */
ALTER TABLE orders ADD COLUMN region char(3);
ALTER TABLE orders ADD COLUMN IF NOT EXISTS version boolean NOT NULL DEFAULT false;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS body bigint;
ALTER TABLE orders
    ADD COLUMN currency text,
    ADD COLUMN currency_at timestamptz;
