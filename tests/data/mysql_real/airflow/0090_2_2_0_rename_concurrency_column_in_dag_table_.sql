ALTER TABLE dag CHANGE concurrency max_active_tasks INTEGER NOT NULL;

