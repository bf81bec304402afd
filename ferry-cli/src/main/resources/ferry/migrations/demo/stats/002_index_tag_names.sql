-- ferry:no-transaction
-- Built without blocking writers, as a real site would do it.
CREATE INDEX CONCURRENTLY IF NOT EXISTS tag_name_idx ON tag (name);
